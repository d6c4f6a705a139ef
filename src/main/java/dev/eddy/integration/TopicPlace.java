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

    /**
     * Where a Kafka table's options say its topic is: its {@code eddy.integration}, else the brokers
     * of its {@code properties.*}; null when they name neither.
     */
    public static TopicPlace ofTable(Map<String, String> options) {
        String integration = options.get("eddy.integration");
        if (integration != null) {
            return of(integration);
        }
        Map<String, String> client = new java.util.HashMap<>();
        options.forEach((k, v) -> {
            if (k.startsWith("properties.")) {
                client.put(k.substring("properties.".length()), v);
            }
        });
        return client.containsKey("bootstrap.servers") ? new TopicPlace(null, client) : null;
    }

    /** How to name the place to a user. */
    public String describe() {
        return integration != null ? "integration " + integration
                : "the Kafka at " + clientProperties.getOrDefault(KafkaSettings.BOOTSTRAP_SERVERS, "?");
    }
}
