package dev.eddy.integration;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A quick TCP look at a service's addresses before its client is asked: a refused connection is
 * known in milliseconds and a dropped one in two seconds, while a Kafka client retries either until
 * its whole timeout has passed (and the connection test after it once more).
 */
final class Reachability {
    /** Longer than any TCP handshake across continents; much shorter than a client's own timeout. */
    static final int CONNECT_MILLIS = 2_000;

    private Reachability() {}

    /**
     * When no address can be reached (the connection is refused, or dropped without an answer, or
     * there is no route), why in words; empty when any of them accepted, or could not be told (a
     * name that does not resolve, a malformed address: the client explains those).
     */
    static Optional<String> unreachable(String addresses) {
        List<String> refused = new ArrayList<>();
        List<String> silent = new ArrayList<>();
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
            InetSocketAddress target = new InetSocketAddress(a.substring(0, colon), port);
            if (target.isUnresolved()) {
                return Optional.empty();
            }
            try (Socket socket = new Socket()) {
                socket.connect(target, CONNECT_MILLIS);
                return Optional.empty();
            } catch (ConnectException e) {
                refused.add(a);
            } catch (SocketTimeoutException | NoRouteToHostException e) {
                silent.add(a);
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        List<String> why = new ArrayList<>();
        if (!refused.isEmpty()) {
            why.add("nothing listens at " + String.join(", ", refused) + " (connection refused)");
        }
        if (!silent.isEmpty()) {
            why.add("no answer from " + String.join(", ", silent) + " within " + CONNECT_MILLIS / 1000
                    + " s (the host is down or unreachable, or a firewall drops the connection)");
        }
        if (why.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join("; ", why) + ": check the host and port, and that the service runs"
                + (silent.isEmpty() ? "" : " and can be reached from Eddy's machine"));
    }
}
