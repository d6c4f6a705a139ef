package dev.eddy.integration;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** "Test connection" for OpenSearch: the node answers, as the integration's user, and says what it is. */
final class OpenSearchConnectionTester {
    private OpenSearchConnectionTester() {}

    static String unreachable(String why) {
        return "Cannot reach OpenSearch: " + why;
    }

    static ConnectionCheck test(Integration integration, Map<String, String> secrets) {
        long t0 = System.nanoTime();
        Optional<String> unreachable = Reachability.unreachable(OpenSearchSettings.address(integration));
        if (unreachable.isPresent()) {
            return new ConnectionCheck(false, unreachable(unreachable.get()), List.of("connection: " + unreachable.get()),
                    Duration.ofNanos(System.nanoTime() - t0));
        }
        String user = integration.setting(OpenSearchSettings.USER);
        String who = user.isBlank() ? "without a user" : "as " + user;
        try {
            String what = client(integration, secrets).describe();
            return new ConnectionCheck(true, "Connected to " + integration.address() + " " + who + ": " + what,
                    List.of("connection " + who + ": " + what), Duration.ofNanos(System.nanoTime() - t0));
        } catch (IntegrationException e) {
            return new ConnectionCheck(false, e.getMessage(), List.of("connection " + who + ": " + e.getMessage()),
                    Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    static OpenSearchClient client(Integration i, Map<String, String> secrets) {
        return new OpenSearchClient(OpenSearchSettings.uri(i.setting(OpenSearchSettings.URL)), i.setting(OpenSearchSettings.USER),
                secrets.getOrDefault(OpenSearchSettings.PASSWORD, ""));
    }
}
