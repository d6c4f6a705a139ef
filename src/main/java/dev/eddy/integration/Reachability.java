package dev.eddy.integration;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A quick TCP look at a service's addresses before its client is asked: a refused connection is
 * known in milliseconds, while a Kafka client retries it until its whole timeout has passed.
 */
final class Reachability {
    private static final int CONNECT_MILLIS = 1_500;

    private Reachability() {}

    /**
     * When every address refuses the connection, why in words; empty when any of them accepted, or
     * could not be told (a timeout, a name that does not resolve: the client explains those).
     */
    static Optional<String> allRefused(String addresses) {
        List<String> refused = new ArrayList<>();
        String[] all = addresses == null ? new String[0] : addresses.split(",");
        for (String address : all) {
            String a = address.strip().replaceFirst("^[A-Za-z_]+://", "");
            int colon = a.lastIndexOf(':');
            if (a.isEmpty() || colon <= 0) {
                return Optional.empty();
            }
            int port;
            try {
                port = Integer.parseInt(a.substring(colon + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(a.substring(0, colon), port), CONNECT_MILLIS);
                return Optional.empty();
            } catch (ConnectException e) {
                refused.add(a);
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("nothing listens at " + String.join(", ", refused) + " (connection refused): check the host "
                + "and port, and that the service runs");
    }
}
