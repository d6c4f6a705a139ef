package dev.eddy.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Checks and picks loopback ports before an embedded piece binds them. */
public final class Ports {
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;

    private Ports() {}

    /**
     * A port nobody listens on now, below the range the system hands out for "any port" binds and
     * outgoing connections: a port picked now and bound seconds later (a process still starting) cannot
     * meanwhile be taken by a Flink process binding port 0 or by a client's connection, as one from that
     * range could.
     */
    public static int unused() {
        int below = ephemeralLow();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 100; i++) {
            int port = random.nextInt(LOWEST, below);
            if (isFree(port)) {
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port on the loopback interface", e);
        }
    }

    private static int ephemeralLow() {
        try {
            // Line by line: /proc gives its files' size as 0, which readString trusts.
            int low = Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
            return low > LOWEST + 1000 ? low : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768; // macOS and Windows start theirs at 49152; below 32768 is outside both
        }
    }

    /**
     * Returns the port to use: a free one when {@code configured} is 0, else {@code configured}
     * after checking nobody holds it, so the user reads which setting to change instead of a
     * BindException deep inside Kafka or Flink.
     */
    static int claim(int configured, String piece, String setting) {
        if (configured == 0) {
            return unused();
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
