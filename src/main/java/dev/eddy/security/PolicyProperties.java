package dev.eddy.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What developers and viewers may name in SQL ({@code eddy.policy.*}); admins are not limited.
 * Entries ending in {@code *} match every key that starts with what comes before it.
 *
 * @param connectors connectors a table may use
 * @param integrationConnectors connectors that must reach their service through {@code 'eddy.integration'}
 * @param settings keys a {@code SET} statement or a job's settings may change
 * @param tableOptions table options that are allowed although they look like connection options
 *     (Kafka client properties Eddy's own wizard writes)
 * @param connectionOptions table options that name an address or a credential: only admins write them
 */
@ConfigurationProperties("eddy.policy")
public record PolicyProperties(
        @DefaultValue({"kafka", "upsert-kafka", "jdbc", "datagen", "print", "blackhole"}) List<String> connectors,
        @DefaultValue({"kafka", "upsert-kafka", "jdbc"}) List<String> integrationConnectors,
        @DefaultValue({"execution.runtime-mode", "parallelism.default", "pipeline.name", "table.local-time-zone",
            "table.dml-sync", "table.exec.state.ttl", "table.exec.source.idle-timeout", "table.exec.mini-batch.*",
            "table.optimizer.*", "table.exec.sink.*", "table.display.*", "sql-client.*", "execution.checkpointing.*",
            "restart-strategy.*"}) List<String> settings,
        @DefaultValue({"properties.group.id", "properties.auto.offset.reset", "properties.isolation.level",
            "properties.client.id", "properties.default.api.timeout.ms", "properties.request.timeout.ms",
            "properties.max.block.ms", "properties.transaction.timeout.ms", "properties.max.poll.records"})
        List<String> tableOptions,
        @DefaultValue({"url", "*.url", "hostname", "port", "path", "username", "*.username", "password", "*.password",
            "*.user-info", "*.basic-auth.*", "*.ssl.*", "*.sasl.*", "properties.*", "*.bearer-auth.*", "*.jaas.config",
            "*.truststore.*", "*.keystore.*"}) List<String> connectionOptions) {

    static boolean matches(List<String> patterns, String key) {
        for (String p : patterns) {
            if (p.equals(key) || p.endsWith("*") && key.startsWith(p.substring(0, p.length() - 1))
                    || p.startsWith("*") && key.endsWith(p.substring(1))
                    || p.startsWith("*.") && p.endsWith(".*") && key.contains(p.substring(1, p.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
