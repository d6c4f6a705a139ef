package dev.eddy.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.config.Secret;
import dev.eddy.gateway.GatewayException;
import dev.eddy.job.JobDraft;
import dev.eddy.job.JobService;
import dev.eddy.job.JobSettings;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.RecordingListener;
import dev.eddy.support.TcpProxy;
import dev.eddy.table.ColumnSpec;
import dev.eddy.table.TableDraft;
import dev.eddy.table.TableService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Kafka or PostgreSQL of an integration goes down after it was last seen up: a console query,
 * a job's check and deploy, and the table wizard each say so in words within 5 s, instead of a
 * Flink job that waits a minute on a client's timeout.
 */
@EddyIntegrationTest
class ServicesDownIT {
    private static final double WITHIN_SECONDS = 5.0;
    @Autowired
    IntegrationService integrations;
    @Autowired
    IntegrationRepository repository;
    @Autowired
    TableService tables;
    @Autowired
    QueryService queries;
    @Autowired
    JobService jobs;

    @Test
    void aKafkaGoneSinceItWasLastSeenIsToldInWordsOnEveryPath() throws Exception {
        Integration kafka = integrations.get("local-kafka");
        String[] broker = kafka.setting(KafkaSettings.BOOTSTRAP_SERVERS).split(":");
        try (TcpProxy proxy = new TcpProxy(broker[0], Integer.parseInt(broker[1]))) {
            integrations.save(new IntegrationDraft("flaky-kafka", IntegrationKind.KAFKA,
                    Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "127.0.0.1:" + proxy.port(), KafkaSettings.SECURITY_PROTOCOL,
                            "PLAINTEXT"), Map.of()));
            try {
                tables.create(new TableDraft("flaky_orders", "flaky-kafka", TableDraft.Connector.KAFKA, "orders", "json",
                        null, "latest-offset", List.of(ColumnSpec.physical("order_id", "BIGINT")), null, 0, List.of(),
                        Map.of(), null));
                assertThat(integrations.refresh("flaky-kafka").lastError()).as("seen up").isEmpty();
                proxy.cut();
                everyPathSaysSo("flaky_orders", "order_id BIGINT", "flaky-kafka is unreachable", "nothing listens at 127.0.0.1:" + proxy.port());
                long t0 = System.nanoTime();
                try {
                    tables.sampleTopic("flaky-kafka", "orders", "json", 10);
                    throw new AssertionError("messages were sampled from a Kafka that is down");
                } catch (RuntimeException e) {
                    told("the table wizard's sample", t0, e.getMessage(), "127.0.0.1:" + proxy.port());
                }
            } finally {
                tables.drop("flaky_orders");
                integrations.delete("flaky-kafka");
            }
        }
    }

    @Test
    void aPostgresGoneSinceItWasLastSeenIsToldInWordsOnEveryPath() throws Exception {
        Integration sample = integrations.get("sample-postgres");
        try (TcpProxy proxy = new TcpProxy(sample.setting(PostgresSettings.HOST),
                Integer.parseInt(sample.setting(PostgresSettings.PORT)))) {
            Map<String, String> settings = new LinkedHashMap<>(sample.settings());
            settings.put(PostgresSettings.PORT, String.valueOf(proxy.port()));
            Map<String, Secret> secrets = new LinkedHashMap<>();
            repository.secrets("sample-postgres").forEach((k, v) -> secrets.put(k, Secret.of(v)));
            integrations.save(new IntegrationDraft("flaky-postgres", IntegrationKind.POSTGRES, settings, secrets));
            try {
                tables.create(new TableDraft("flaky_customers", "flaky-postgres", TableDraft.Connector.JDBC,
                        "public.customers", null, null, null, List.of(ColumnSpec.physical("id", "INT")), null, 0,
                        List.of("id"), Map.of(), null));
                assertThat(integrations.refresh("flaky-postgres").lastError()).as("seen up").isEmpty();
                proxy.cut();
                everyPathSaysSo("flaky_customers", "id INT", "flaky-postgres is unreachable",
                        "nothing listens at 127.0.0.1:" + proxy.port());
                // The wizard still offers the columns read while it was up (at most 5 minutes ago): a table can
                // be defined over a service that is down for a moment; using it then says why it cannot run.
                assertThat(tables.fromPostgres("flaky-postgres", "public.customers").columns())
                        .extracting(ColumnSpec::name).contains("id", "email");
                // Back up: the same query runs again, nothing had to be redone.
                proxy.restore();
                try (SqlConsole console = queries.openConsole("services-down-it")) {
                    RecordingListener query = new RecordingListener();
                    console.run("SELECT id FROM flaky_customers", query);
                    query.finished.get(60, TimeUnit.SECONDS);
                    assertThat(query.changes()).as("customers read once the database is back").isPositive();
                }
            } finally {
                tables.drop("flaky_customers");
                integrations.delete("flaky-postgres");
            }
        }
    }

    private void everyPathSaysSo(String table, String columns, String... words) throws Exception {
        String sink = table + "_sink";
        try (SqlConsole console = queries.openConsole("services-down-it")) {
            RecordingListener ddl = new RecordingListener();
            console.run("CREATE TABLE " + sink + " (" + columns + ") WITH ('connector' = 'blackhole')", ddl);
            ddl.finished.get(30, TimeUnit.SECONDS);
            RecordingListener query = new RecordingListener();
            long t0 = System.nanoTime();
            console.run("SELECT * FROM " + table, query);
            GatewayException error = query.failed.get(30, TimeUnit.SECONDS);
            told("a console query", t0, error.getMessage(), words);
        }
        long t0 = System.nanoTime();
        try {
            jobs.explain("INSERT INTO " + sink + " SELECT * FROM " + table, JobSettings.defaults());
            throw new AssertionError("a job over a service that is down passed its check");
        } catch (RuntimeException e) {
            told("a job's check", t0, e.getMessage(), words);
        }
        t0 = System.nanoTime();
        try {
            jobs.deploy(new JobDraft("services down " + table, "", "INSERT INTO " + sink + " SELECT * FROM " + table,
                    JobSettings.defaults()));
            throw new AssertionError("a job over a service that is down was deployed");
        } catch (RuntimeException e) {
            told("deploying a job", t0, e.getMessage(), words);
        }
        assertThat(jobs.find("services down " + table)).as("nothing half-deployed is left").isEmpty();
        tables.drop(sink);
    }

    private static void told(String path, long t0, String message, String... words) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%s told after %.2f s: %s%n", path, seconds, message);
        assertThat(message).as(path).doesNotContain("Exception", "\tat ");
        for (String word : words) {
            assertThat(message).as(path).containsIgnoringCase(word);
        }
        assertThat(seconds).as("seconds until %s said so", path).isLessThanOrEqualTo(WITHIN_SECONDS);
    }
}
