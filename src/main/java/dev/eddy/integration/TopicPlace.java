package dev.eddy.integration;

import java.util.Map;

/**
 * Where a Kafka table's topic lives: an integration by name, or, for a table that names its
 * brokers itself, the client properties of its {@code properties.*} options.
 */
public record TopicPlace(String integration, Map<String, String> clientProperties) {
    public static TopicPlace of(String integration) {
        return new TopicPlace(integration, Map.of());
    }

    /** How to name the place to a user. */
    public String describe() {
        return integration != null ? "integration " + integration
                : "the Kafka at " + clientProperties.getOrDefault(KafkaSettings.BOOTSTRAP_SERVERS, "?");
    }
}
