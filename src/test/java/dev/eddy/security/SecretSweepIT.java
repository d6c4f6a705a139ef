package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.eddy.config.Endpoints;
import dev.eddy.config.Secret;
import dev.eddy.integration.IntegrationDraft;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.PostgresSettings;
import dev.eddy.query.QueryReport;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.LogCapture;
import dev.eddy.support.RecordingListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One known password, used for real (a table over an integration, a query, a pipeline), then
 * looked for everywhere it must not be: logs, history, audit, SHOW CREATE TABLE, the gateway
 * session, and Flink's REST API for the job and the cluster.
 */
@EddyIntegrationTest
class SecretSweepIT {
    private static final String SECRET = "Sweep-Secret-7731";
    @Autowired
    IntegrationService integrations;
    @Autowired
    QueryService queries;
    @Autowired
    JdbcTemplate store;
    @Autowired
    Endpoints endpoints;
    /** The embedded PostgreSQL's superuser: the test makes roles and tables as an operator would. */
    @Autowired
    dev.eddy.embedded.EmbeddedStack stack;

    @Test
    void aPasswordInUseAppearsNowhereAPersonOrAProcessCouldReadIt() throws Exception {
        var sample = integrations.get("sample-postgres");
        String url = "jdbc:postgresql://" + sample.setting(PostgresSettings.HOST) + ":" + sample.setting(PostgresSettings.PORT)
                + "/" + sample.setting(PostgresSettings.DATABASE);
        try (Connection c = DriverManager.getConnection(url, stack.postgresUser(), stack.postgresPassword()); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'swept') THEN "
                    + "CREATE ROLE swept LOGIN PASSWORD '" + SECRET + "'; END IF; END $$");
            s.execute("GRANT SELECT ON customers TO swept");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(PostgresSettings.HOST, sample.setting(PostgresSettings.HOST));
        settings.put(PostgresSettings.PORT, sample.setting(PostgresSettings.PORT));
        settings.put(PostgresSettings.DATABASE, sample.setting(PostgresSettings.DATABASE));
        settings.put(PostgresSettings.READ_USER, "swept");
        integrations.save(new IntegrationDraft("swept-postgres", IntegrationKind.POSTGRES, settings,
                Map.of(PostgresSettings.READ_PASSWORD, Secret.of(SECRET))));

        StringBuilder seen = new StringBuilder();
        try (LogCapture logs = LogCapture.at(Level.DEBUG, "dev.eddy", "org.apache.flink", "org.springframework",
                "org.apache.kafka", "org.postgresql");
             SqlConsole console = queries.openConsole("sweep")) {
            run(console, "CREATE TABLE swept_customers (id INT, name STRING) WITH ('connector' = 'jdbc', "
                    + "'eddy.integration' = 'swept-postgres', 'table-name' = 'customers')");
            run(console, "CREATE TEMPORARY TABLE swept_sink (id INT, name STRING) WITH ('connector' = 'blackhole')");
            QueryReport query = run(console, "SELECT id, name FROM swept_customers");
            assertThat(query.changes()).as("the password worked: rows came back").isPositive();
            QueryReport insert = run(console, "INSERT INTO swept_sink SELECT id, name FROM swept_customers");
            String jobId = insert.jobId().orElseThrow();

            seen.append(console.collect("SHOW CREATE TABLE swept_customers", 1).rows()).append('\n');
            HttpClient http = HttpClient.newHttpClient();
            for (String path : new String[] {"/jobs/" + jobId + "/config", "/jobs/" + jobId, "/jobs/" + jobId + "/plan",
                "/jobmanager/config"}) {
                seen.append(get(http, endpoints.jobManagerUrl() + path)).append('\n');
            }
            seen.append(get(http, endpoints.gatewayUrl() + "/v1/sessions/" + console.sessionHandle())).append('\n');
            seen.append(logs.text());
        } finally {
            try (SqlConsole cleanup = queries.openConsole("sweep-cleanup")) {
                run(cleanup, "DROP TABLE IF EXISTS swept_customers");
            }
            integrations.delete("swept-postgres");
        }
        seen.append(store.queryForList("SELECT statement || ' ' || coalesce(message, '') FROM statement_history",
                String.class));
        seen.append(store.queryForList("SELECT coalesce(target, '') || ' ' || coalesce(detail, '') FROM audit_log",
                String.class));
        seen.append(integrations.list());

        assertThat(seen.toString()).as("everything swept").contains("swept_customers", "\"jid\"")
                .doesNotContain(SECRET);
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private static QueryReport run(SqlConsole console, String sql) throws Exception {
        RecordingListener listener = new RecordingListener();
        console.run(sql, listener);
        try {
            listener.finished.get(90, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(sql + " failed: " + e.getCause().getMessage(), e.getCause());
        }
        return listener.finished.get();
    }
}
