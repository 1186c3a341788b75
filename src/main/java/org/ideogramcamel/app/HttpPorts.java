package org.ideogramcamel.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Start-up check of the addresses the app listens on (the HTTP intake, the management port), so a clash stops
 * the app in one line that says what to change, instead of a bind error logged while the app runs on.
 */
final class HttpPorts {

    private HttpPorts() {
    }

    static void requireFree(String host, int port) {
        requireFree("ideogram.http", host, port, "or turn the HTTP intake off with ideogram.http.enabled=false");
    }

    /** @param prefix the keys' prefix ({@code ideogram.management}): {@code .port}, {@code .host} are named */
    static void requireFree(String prefix, String host, int port, String alternative) {
        if (port == 0) {
            return; // any free port
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalArgumentException(prefix + ".port=" + port + ": cannot listen on " + host + ":" + port
                    + " (" + e.getMessage() + "; another instance may be running); choose another port with "
                    + prefix + ".port, another address with " + prefix + ".host, " + alternative);
        }
    }
}
