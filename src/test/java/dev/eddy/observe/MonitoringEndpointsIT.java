package dev.eddy.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.job.Job;
import dev.eddy.job.JobDraft;
import dev.eddy.job.JobGauges;
import dev.eddy.job.JobService;
import dev.eddy.job.JobSettings;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.security.ApiTokenService;
import dev.eddy.security.Role;
import dev.eddy.security.UserService;
import dev.eddy.support.Await;
import dev.eddy.support.EddyIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What a monitoring system reads from Eddy: probes without a token (status only), the health of each
 * piece and the Prometheus metrics with an API token, a job's gauges, and a Grafana dashboard whose
 * every query names a metric Eddy serves.
 */
@EddyIntegrationTest
class MonitoringEndpointsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METRIC = Pattern.compile("\\b(?:eddy|jvm|process|system|hikaricp)_[a-z0-9_]+");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    UserService users;
    @Autowired
    JobService jobs;
    @Autowired
    QueryService queries;
    @Autowired
    JobGauges gauges;
    @Autowired
    dev.eddy.integration.IntegrationService integrationService;

    @Test
    void probesAnswerAnyoneWithTheStatusOnlyAndHealthDetailsNeedAToken() throws Exception {
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> r = get(probe, null);
            assertThat(r.statusCode()).as(probe).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).path("status").asText()).isEqualTo("UP");
            assertThat(r.body()).as("no details without a token").doesNotContain("components").doesNotContain("jdbc");
        }
        HttpResponse<String> refused = get("/actuator/health", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(refused.body()).path("detail").asText()).contains("Authorization: Bearer eddy_")
                .doesNotContain("SQL Client");
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);

        JsonNode health = JSON.readTree(get("/actuator/health", viewerToken()).body());
        // The overall status is not asserted: other tests leave integrations of unreachable services behind.
        assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");
        JsonNode integrations = health.path("components").path("integrations").path("details");
        assertThat(integrations.path("local-kafka").asText()).isEqualTo("reachable");
        assertThat(integrations.path("sample-postgres").asText()).isEqualTo("reachable");
        assertThat(health.toString()).as("names services, never credentials").doesNotContain("password");

        // A service nothing listens on: the integrations component is down and says which and why; Eddy stays ready.
        String name = "gone-kafka-" + UUID.randomUUID().toString().substring(0, 6);
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
            integrationService.save(new dev.eddy.integration.IntegrationDraft(name, dev.eddy.integration.IntegrationKind.KAFKA,
                    java.util.Map.of(dev.eddy.integration.KafkaSettings.BOOTSTRAP_SERVERS, "127.0.0.1:" + closed.getLocalPort()),
                    java.util.Map.of()));
        }
        try {
            JsonNode down = JSON.readTree(get("/actuator/health", viewerToken()).body()).path("components").path("integrations");
            assertThat(down.path("status").asText()).isEqualTo("DOWN");
            assertThat(down.path("details").path(name).asText()).startsWith("unreachable: ").contains("127.0.0.1:");
            assertThat(get("/actuator/health/readiness", null).statusCode()).as("an integration's service is not Eddy").isEqualTo(200);
        } finally {
            integrationService.delete(name);
        }
        JsonNode flink = health.path("components").path("flink");
        assertThat(flink.path("status").asText()).isEqualTo("UP");
        assertThat(flink.path("details").path("jobManager").asText()).startsWith("answers (Flink 2.2");
        assertThat(flink.path("details").path("sqlGateway").asText()).isEqualTo("answers");
    }

    @Test
    void prometheusHasEachJobsGaugesAndEveryMetricTheGrafanaDashboardQueries() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (SqlConsole setup = queries.openConsole("it-monitoring")) {
            setup.collect("CREATE TABLE monitored_" + suffix + " (order_id BIGINT) WITH ('connector' = 'blackhole')", 1);
        }
        Job job = jobs.deploy(new JobDraft("monitored " + suffix, "", "INSERT INTO monitored_" + suffix
                + " SELECT order_id FROM orders", JobSettings.defaults().with("execution.checkpointing.interval", "2 s")));
        try {
            String token = viewerToken();
            String tags = "id=\"" + job.id() + "\",job=\"monitored " + suffix + "\"";
            String scrape = Await.until("the job's gauges with records read and a checkpoint", Duration.ofSeconds(90), () -> {
                gauges.refresh();
                return call(() -> get("/actuator/prometheus", token).body());
            }, s -> s.contains("eddy_job_running{" + tags + "} 1") && s.contains("eddy_job_last_checkpoint_age_seconds{" + tags)
                    && value(s, "eddy_job_records_in_per_second{" + tags + "}") > 0
                    // The Kafka source reports its pending records after its first fetch, not at once.
                    && value(s, "eddy_job_source_lag_records{" + tags + "}") >= 0
                    // Busy and back-pressured time, once its tasks have reported a second of work.
                    && s.contains("eddy_job_busy_percent{" + tags) && s.contains("eddy_job_back_pressured_percent{" + tags));
            assertThat(value(scrape, "eddy_job_busy_percent{" + tags + "}")).isBetween(0.0, 100.0);
            assertThat(scrape).contains("eddy_alerts_firing{severity=\"critical\"}");
            assertThat(scrape).contains("eddy_job_restarts{" + tags + "} 0", "eddy_job_uptime_seconds{" + tags,
                    "eddy_job_records_out_per_second{" + tags, "eddy_cluster_reachable 1", "eddy_cluster_slots ");
            assertThat(value(scrape, "eddy_job_last_checkpoint_age_seconds{" + tags + "}")).isBetween(0.0, 30.0);
            assertThat(value(scrape, "eddy_job_source_lag_records{" + tags + "}"))
                    .as("the Kafka source's pending records: a few orders at most, it keeps up").isBetween(0.0, 1000.0);

            String dashboard = Files.readString(Path.of("docs/grafana/eddy-dashboard.json"));
            Set<String> queried = new TreeSet<>();
            for (JsonNode expr : JSON.readTree(dashboard).findValues("expr")) {
                Matcher m = METRIC.matcher(expr.asText());
                while (m.find()) {
                    queried.add(m.group());
                }
            }
            assertThat(queried).as("the dashboard's metrics").contains("eddy_job_records_in_per_second", "eddy_cluster_slots_free")
                    .hasSizeGreaterThan(10);
            assertThat(queried).allSatisfy(metric -> assertThat(scrape).as("served by /actuator/prometheus")
                    .containsPattern("(?m)^" + metric + "[{ ]"));
        } finally {
            jobs.cancel(job.id());
            Await.until("the job to stop", Duration.ofSeconds(60), () -> jobs.get(job.id()).isActive(), active -> !active);
            jobs.delete(job.id());
            gauges.refresh();
            assertThat(get("/actuator/prometheus", viewerToken()).body()).as("a deleted job's gauges go with it")
                    .doesNotContain("job=\"monitored " + suffix + "\"");
        }
    }

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private String viewerToken() {
        var acting = SecurityContextHolder.getContext().getAuthentication();
        try {
            if (users.list().stream().noneMatch(u -> u.username().equals("monitoring-viewer"))) {
                users.add("monitoring-viewer", "monitoring-viewer's long password", Role.VIEWER);
            }
            SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("monitoring-viewer", "n/a",
                    Role.VIEWER.authority()));
            return tokens.create("monitoring", Role.VIEWER, Duration.ofDays(1)).secret();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(acting);
        }
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <T> T call(java.util.concurrent.Callable<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
