package dev.eddy.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.config.Secret;
import dev.eddy.embedded.EmbeddedStack;
import dev.eddy.integration.IntegrationDraft;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.PostgresSettings;
import dev.eddy.job.JobGauges;
import dev.eddy.support.Await;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.TcpProxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Eddy's metrics appended to a table in a PostgreSQL integration's database, as documented; kept
 * waiting while the database is away and sent, none lost, when it is back.
 */
@EddyIntegrationTest
class MetricsExportIT {
    @Autowired
    MetricsExport export;
    @Autowired
    ClusterHistory cluster;
    @Autowired
    JobGauges gauges;
    @Autowired
    IntegrationService integrations;
    @Autowired
    EmbeddedStack stack;

    @Test
    void theClustersSeriesReachTheTableAndWaitWhileTheDatabaseIsAway() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String table = "eddy_metrics_" + suffix;
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", stack.postgresPort().orElseThrow())) {
            String via = "metrics-" + suffix;
            integrations.save(new IntegrationDraft(via, IntegrationKind.POSTGRES, Map.of(PostgresSettings.HOST, "127.0.0.1",
                    PostgresSettings.PORT, String.valueOf(proxy.port()), PostgresSettings.DATABASE, "sample",
                    PostgresSettings.SSL_MODE, "disable", PostgresSettings.READ_USER, stack.sampleReader()[0],
                    PostgresSettings.WRITE_USER, stack.sampleWriter()[0]), Map.of(PostgresSettings.WRITE_PASSWORD,
                    Secret.of(stack.sampleWriter()[1]), PostgresSettings.READ_PASSWORD, Secret.of(stack.sampleReader()[1]))));
            try {
                // A write user that may not create tables where asked is told what to do.
                assertThatThrownBy(() -> export.enable(via, "pg_catalog." + table))
                        .hasMessageStartingWith("Eddy could not make table pg_catalog." + table + " in " + via + ": ERROR: "
                                + "permission denied for schema pg_catalog")
                        .hasMessageEndingWith("or make the table yourself (docs/observability.md)");
                assertThatThrownBy(() -> export.enable(via, "x; DROP TABLE y")).hasMessageStartingWith("A table name is");
                export.enable(via, table);
                assertThat(integrations.refresh(via).tables()).as("made by Eddy, read by the integration's reader")
                        .anySatisfy(t -> assertThat(t.qualifiedName()).isEqualTo(table));

                cluster.read();
                java.util.List<java.time.Instant> reads = new java.util.ArrayList<>(java.util.List.of(cluster.latest().at()));
                export.send();
                assertThat(count(table, "metric = 'jobmanager_heap_percent' AND at = '" + reads.get(0) + "'")).isEqualTo(1);
                assertThat(count(table, "source = 'cluster' AND metric = 'slots_total' AND value > 0")).isPositive();
                assertThat(export.export(via).orElseThrow()).satisfies(e -> {
                    assertThat(e.waiting()).isZero();
                    assertThat(e.sent()).isGreaterThanOrEqualTo(8);
                    assertThat(e.problem()).isNull();
                });

                proxy.cut();
                cluster.read();
                reads.add(cluster.latest().at());
                cluster.read();
                reads.add(cluster.latest().at());
                export.send();
                MetricsExport.Export away = export.export(via).orElseThrow();
                assertThat(away.waiting()).as("rows wait while the database is away").isGreaterThanOrEqualTo(16);
                assertThat(away.problem()).isNotBlank();
                proxy.restore();
                Await.until("the waiting rows sent", Duration.ofSeconds(30), () -> {
                    export.send();
                    return export.export(via).orElseThrow();
                }, e -> e.waiting() == 0 && e.problem() == null);
                for (java.time.Instant at : reads) {
                    assertThat(count(table, "metric = 'jobmanager_heap_percent' AND at = '" + at + "'"))
                            .as("none lost, none twice: " + at).isEqualTo(1);
                }
                assertThat(count(table, "metric = 'jobmanager_heap_percent'"))
                        .isEqualTo(count(table, "metric = 'jobmanager_heap_percent'", "count(DISTINCT at)"));
            } finally {
                export.disable(via);
                integrations.delete(via);
                sql("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    private long count(String table, String where) throws Exception {
        return count(table, where, "count(*)");
    }

    private long count(String table, String where, String what) throws Exception {
        try (Connection c = superuser(); ResultSet rs = c.createStatement().executeQuery("SELECT " + what + " FROM " + table
                + " WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = superuser()) {
            c.createStatement().execute(statement);
        }
    }

    private Connection superuser() throws Exception {
        return DriverManager.getConnection(stack.postgresUrl("sample").orElseThrow(), stack.postgresUser(),
                stack.postgresPassword());
    }
}
