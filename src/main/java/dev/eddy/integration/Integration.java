package dev.eddy.integration;

import java.util.Map;
import java.util.Set;

/**
 * A Kafka or PostgreSQL service as the console shows it: its settings, only the names of the
 * secrets that are set (never their values), and whether developers may only read through it.
 */
public record Integration(long id, String name, IntegrationKind kind, Map<String, String> settings,
        Set<String> secretsSet, boolean builtIn, boolean developersReadOnly) {

    public String setting(String key) {
        return settings.getOrDefault(key, "");
    }

    /** Where the service is, in one line: bootstrap servers, or host:port/database. */
    public String address() {
        return kind == IntegrationKind.KAFKA ? setting(KafkaSettings.BOOTSTRAP_SERVERS)
                : setting(PostgresSettings.HOST) + ":" + setting(PostgresSettings.PORT) + "/" + setting(PostgresSettings.DATABASE);
    }
}
