package dev.eddy.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks and picks loopback ports before an embedded piece binds them. */
final class Ports {
    private Ports() {}

    /**
     * Returns the port to use: a free one when {@code configured} is 0, else {@code configured}
     * after checking nobody holds it, so the user reads which setting to change instead of a
     * BindException deep inside Kafka or Flink.
     */
    static int claim(int configured, String piece, String setting) {
        if (configured == 0) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException("No free port on the loopback interface for " + piece, e);
            }
        }
        if (!isFree(configured)) {
            throw new PortInUseException(piece, configured, setting);
        }
        return configured;
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The ports of one start, claimed together; two pieces asking for "any free port" get different ones. */
    static final class Claimed {
        private final java.util.Map<String, Integer> ports = new java.util.HashMap<>();

        void claim(String name, int configured, String piece, String setting) {
            int port;
            do {
                port = Ports.claim(configured, piece, setting);
            } while (configured == 0 && ports.containsValue(port));
            if (configured != 0 && ports.containsValue(port)) {
                throw new PortInUseException(piece, port, setting);
            }
            ports.put(name, port);
        }

        boolean has(String name) {
            return ports.containsKey(name);
        }

        int get(String name) {
            return ports.get(name);
        }
    }
}
