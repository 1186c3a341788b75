package org.ideogramcamel.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Start-up check of the HTTP intake's address, so a clash is reported in one line that says what to change. */
final class HttpPorts {

    private HttpPorts() {
    }

    static void requireFree(String host, int port) {
        if (port == 0) {
            return; // any free port
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalArgumentException("ideogram.http.port=" + port + ": cannot listen on " + host + ":" + port
                    + " (" + e.getMessage() + "); choose another port with ideogram.http.port, another address with"
                    + " ideogram.http.host, or turn the HTTP intake off with ideogram.http.enabled=false");
        }
    }
}
