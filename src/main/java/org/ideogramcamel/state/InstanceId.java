package org.ideogramcamel.state;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name of this running instance ({@code ideogram.instance-id}, default host name + pid): it owns the claims,
 * leases and slots it takes in the shared state, and it appears in logs and sidecars so a user can tell which
 * machine did what.
 */
public record InstanceId(String value) {

    public InstanceId {
        if (value == null || value.isBlank() || value.length() > 200 || !value.matches("[A-Za-z0-9._:@-]+")) {
            throw new IllegalArgumentException("ideogram.instance-id=" + value + " is not valid; use at most 200"
                    + " letters, digits and . _ : @ - (default: host name + pid)");
        }
    }

    /** Host name + pid, e.g. {@code worker-3-41872}: unique while the process runs, new after a restart. */
    public static InstanceId ofThisProcess() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        return new InstanceId(host.replaceAll("[^A-Za-z0-9._:@-]", "_") + "-" + ProcessHandle.current().pid());
    }

    @Override
    public String toString() {
        return value;
    }
}
