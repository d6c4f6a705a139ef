package dev.eddy.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.cluster.JobManagerClient;
import dev.eddy.config.Endpoints;
import dev.eddy.embedded.EmbeddedStack;
import dev.eddy.support.Await;
import dev.eddy.support.EddyIntegrationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The gateway client against the real embedded SQL Gateway, Kafka and PostgreSQL. */
@EddyIntegrationTest
class SqlGatewayClientIT {
    @Autowired
    GatewaySessions sessions;
    @Autowired
    SqlGatewayClient client;
    @Autowired
    JobManagerClient jobManager;
    @Autowired
    Endpoints endpoints;
    @Autowired
    EmbeddedStack stack;

    GatewaySession session;
    final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    @BeforeEach
    void open() {
        session = sessions.open("it-" + suffix);
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void negotiatesTheNewestVersionFlinkSpeaks() {
        assertThat(client.apiVersion()).isEqualTo("v4");
    }

    @Test
    void kafkaTableRoundTripsRowsAndPipelineFillsPostgres() throws Exception {
        String topic = "it-events-" + suffix;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                endpoints.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        session.run("""
                CREATE TEMPORARY TABLE events (id INT, name STRING) WITH (
                  'connector' = 'kafka', 'topic' = '%s',
                  'properties.bootstrap.servers' = '%s',
                  'scan.startup.mode' = 'earliest-offset', 'format' = 'json')"""
                .formatted(topic, endpoints.kafkaBootstrapServers()), 10);

        StatementResult insert = session.run("INSERT INTO events VALUES (1, 'espresso'), (2, 'latte'), (3, 'mocha')", 10);
        String insertJob = insert.jobId().orElseThrow();
        String state = Await.until("the INSERT job to end", Duration.ofSeconds(60), () -> jobManager.job(insertJob).state(),
                s -> s.equals("FINISHED") || s.equals("FAILED"));
        assertThat(state).as(() -> "the INSERT job failed: " + exceptions(insertJob)).isEqualTo("FINISHED");

        StatementResult select = session.run("SELECT id, name FROM events", 3);
        assertThat(select.columns()).extracting(ResultColumn::name).containsExactly("id", "name");
        assertThat(select.columns()).extracting(ResultColumn::type).containsExactly("INTEGER", "STRING");
        assertThat(select.rows()).extracting(r -> r.fields().get(1)).containsExactlyInAnyOrder("espresso", "latte", "mocha");
        assertThat(select.complete()).as("a Kafka source is unbounded: reading stops at the cap").isFalse();

        String pgTable = "it_events_" + suffix;
        String sampleUrl = stack.postgresUrl("sample").orElseThrow();
        try (Connection c = DriverManager.getConnection(sampleUrl, "postgres", stack.postgresPassword());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + pgTable + " (id INT PRIMARY KEY, name TEXT)");
        }
        session.run("""
                CREATE TEMPORARY TABLE pg_events (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH (
                  'connector' = 'jdbc', 'url' = '%s?user=postgres&password=%s', 'table-name' = '%s')"""
                .formatted(sampleUrl, stack.postgresPassword(), pgTable), 10);
        String pipeline = session.run("INSERT INTO pg_events SELECT id, name FROM events", 10).jobId().orElseThrow();
        try {
            List<String> names = Await.until("the pipeline to write 3 rows to PostgreSQL", Duration.ofSeconds(90),
                    () -> names(sampleUrl, pgTable), n -> n.size() == 3);
            assertThat(names).containsExactly("espresso", "latte", "mocha");
        } finally {
            jobManager.cancel(pipeline);
        }
    }

    /** Flink's own account of why a job failed, for the assertion message. */
    private String exceptions(String jobId) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(jobManager.baseUrl() + "/jobs/" + jobId + "/exceptions")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.body().length() > 4000 ? response.body().substring(0, 4000) : response.body();
        } catch (Exception e) {
            return "(exceptions unreadable: " + e.getMessage() + ")";
        }
    }

    @Test
    void completionKnowsTheSessionsTables() {
        assertThat(session.complete("SELECT * FROM ord", 17)).anyMatch(c -> c.endsWith("orders"));
    }

    @Test
    void failingStatementBecomesAReadableError() {
        assertThatThrownBy(() -> session.run("SELECT * FROM no_such_table", 1))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Object 'no_such_table' not found");
                    assertThat(e.line()).contains(1);
                    assertThat(e.column()).contains(15);
                    assertThat(e.detail()).contains("SqlValidatorException");
                });
    }

    @Test
    void closedSessionIsReportedAsLost() {
        GatewaySession other = sessions.open("it-closed-" + suffix);
        other.heartbeat();
        client.closeSession(other.handle());
        assertThatThrownBy(() -> other.run("SELECT 1", 1))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(GatewayException.Kind.SESSION_NOT_FOUND));
        other.close();
    }

    @Test
    void setStatementsChangeTheSessionConfiguration() {
        session.run("SET 'pipeline.name' = 'it-" + suffix + "'", 10);
        assertThat(session.configuration()).containsEntry("pipeline.name", "it-" + suffix);
    }

    private List<String> names(String url, String table) {
        try (Connection c = DriverManager.getConnection(url, "postgres", stack.postgresPassword());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM " + table + " ORDER BY id")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
