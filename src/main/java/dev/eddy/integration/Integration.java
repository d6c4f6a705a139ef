package dev.eddy.integration;

import java.util.Map;
import java.util.Set;

/**
 * A Kafka, PostgreSQL or OpenSearch service as the console shows it: its settings, only the names of the
 * secrets that are set (never their values), and whether developers may only read through it.
 */
public record Integration(long id, String name, IntegrationKind kind, Map<String, String> settings,
        Set<String> secretsSet, boolean builtIn, boolean developersReadOnly) {

    public String setting(String key) {
        return settings.getOrDefault(key, "");
    }

    /** Where the service is, in one line: bootstrap servers, host:port/database, or a URL. */
    public String address() {
        return switch (kind) {
            case KAFKA -> setting(KafkaSettings.BOOTSTRAP_SERVERS);
            case POSTGRES -> setting(PostgresSettings.HOST) + ":" + setting(PostgresSettings.PORT) + "/"
                    + setting(PostgresSettings.DATABASE);
            case OPENSEARCH -> setting(OpenSearchSettings.URL);
        };
    }
}
