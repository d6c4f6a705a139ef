package dev.eddy.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.cluster.JobManagerClient;
import dev.eddy.config.Endpoints;
import dev.eddy.support.Await;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.FreePorts;
import dev.eddy.support.SeparateProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two packaged Eddys on one store and one cluster (this test JVM's): either serves the API, exactly
 * one runs the job watcher, and when that one is killed -9 the other takes the watcher over within
 * 15 s and brings a lost job back exactly once.
 */
@EddyIntegrationTest
class TwoEddysIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "eddy_" + UUID.randomUUID().toString().replace("-", "");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path dir = Path.of("target/it-two-eddys/" + UUID.randomUUID()).toAbsolutePath();

    @Autowired
    Endpoints endpoints;
    @Autowired
    Leadership leadership;
    @Autowired
    @Qualifier("jobLocks")
    StoreLocks jobLocks;
    @Autowired
    JobManagerClient flink;
    @Autowired
    JdbcTemplate jdbc;
    @org.springframework.beans.factory.annotation.Value("${eddy.security.secret-key-file}")
    Path secretKeyFile;

    private record Eddy(Process process, int port, Path log) {
        String base() {
            return "http://127.0.0.1:" + port;
        }

        boolean named(String leader) {
            return leader.startsWith("Eddy " + process.pid() + "@");
        }
    }

    @Test
    void whenTheLeaderIsKilledTheOtherEddyTakesOverTheWatcherAndRestartsALostJobOnce() throws Exception {
        Files.createDirectories(dir);
        insertToken();
        // This test JVM is a third Eddy on the store: it stands aside, so that the two under test lead.
        leadership.candidate(false);
        List<Eddy> eddys = new ArrayList<>();
        try {
            eddys.add(start("a"));
            eddys.add(start("b"));
            for (Eddy eddy : eddys) {
                SeparateProcess.awaitHttp(eddy.process(), "Eddy " + eddy.log().getFileName(), eddy.base() + "/login",
                        Duration.ofSeconds(180), eddy.log());
            }
            String leaderName = Await.until("one of the two Eddys to lead", Duration.ofSeconds(30),
                    () -> leadership.leader().orElse(""), name -> eddys.stream().anyMatch(e -> e.named(name)));
            Eddy leader = eddys.stream().filter(e -> e.named(leaderName)).findFirst().orElseThrow();
            Eddy other = eddys.stream().filter(e -> e != leader).findFirst().orElseThrow();

            // Any Eddy serves: the table and the job go through the one that does not lead.
            String sink = "two_eddys_" + UUID.randomUUID().toString().substring(0, 8);
            statement(other, "CREATE TABLE " + sink + " (order_id BIGINT) WITH ('connector' = 'blackhole')");
            String name = "two eddys " + sink;
            JsonNode job = send(other, "POST", "/api/v1/jobs", Map.of("name", name, "statement", "INSERT INTO " + sink
                    + " SELECT order_id FROM orders", "settings", Map.of("execution.checkpointing.interval", "2 s")), 201, 200);
            long id = job.path("id").asLong();
            String first = Await.until("the job to run on Flink", Duration.ofSeconds(60),
                    () -> unchecked(() -> send(leader, "GET", "/api/v1/jobs/" + id, null, 200)),
                    j -> "RUNNING".equals(j.path("state").asText())).path("flinkJobId").asText();

            // The cluster loses the job (as a cluster restart does), and in that moment the leader is killed.
            StoreLocks.Held lock = jobLocks.lock(id);
            lock.lock();
            long killed;
            try {
                flink.cancel(first);
                Await.until("Flink to end the job", Duration.ofSeconds(30), () -> flink.job(first).state(),
                        state -> state.equals("CANCELED"));
                String unknown = UUID.randomUUID().toString().replace("-", "");
                jdbc.update("UPDATE job_run SET flink_job_id = ? WHERE flink_job_id = ?", unknown, first);
                jdbc.update("UPDATE job SET flink_job_id = ? WHERE id = ?", unknown, id);
                leader.process().destroyForcibly();
                killed = System.nanoTime();
                assertThat(leader.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                lock.unlock();
            }
            Await.until("the other Eddy to lead", Duration.ofSeconds(15), () -> leadership.leader().orElse(""),
                    other::named);
            double takeover = (System.nanoTime() - killed) / 1e9;
            System.out.printf("The other Eddy led %.1f s after the leader was killed -9%n", takeover);
            assertThat(takeover).as("seconds until the other Eddy runs the watcher").isLessThanOrEqualTo(15.0);

            Await.until("the lost job to run again", Duration.ofSeconds(60), () -> unchecked(() -> running(other, name)),
                    n -> n == 1);
            // Several more looks of the watcher: the job is not started a second time.
            Thread.sleep(10_000);
            assertThat(running(other, name)).as("Flink jobs of '%s' running", name).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM job_run WHERE job = ?", Long.class, id))
                    .as("runs of the job: the first, and exactly one restart").isEqualTo(2);
            send(other, "POST", "/api/v1/jobs/" + id + "/stop", null, 200);
            for (Eddy eddy : eddys) {
                assertThat(Files.readString(eddy.log())).as("log of %s", eddy.log().getFileName())
                        .doesNotContain("cannot be read with this Eddy's key").doesNotContain("Exception");
            }
        } finally {
            for (Eddy eddy : eddys) {
                eddy.process().destroyForcibly();
                eddy.process().waitFor(30, TimeUnit.SECONDS);
            }
            leadership.candidate(true);
            jdbc.update("DELETE FROM api_token WHERE name = 'two eddys'");
        }
        Await.until("this test JVM to lead again", Duration.ofSeconds(15), () -> leadership.lead(), led -> led);
    }

    private long running(Eddy eddy, String name) throws IOException, InterruptedException {
        long n = 0;
        for (JsonNode j : send(eddy, "GET", "/api/v1/cluster/jobs?limit=500", null, 200).path("items")) {
            if ("RUNNING".equals(j.path("state").asText()) && name.equals(j.path("name").asText())) {
                n++;
            }
        }
        return n;
    }

    private void statement(Eddy eddy, String sql) throws Exception {
        long id = send(eddy, "POST", "/api/v1/statements", Map.of("statement", sql), 201).path("id").asLong();
        String state = Await.until("the statement to end", Duration.ofSeconds(30),
                () -> unchecked(() -> send(eddy, "GET", "/api/v1/statements/" + id, null, 200)).path("state").asText(),
                s -> !"RUNNING".equals(s));
        assertThat(state).as(sql).isEqualTo("FINISHED");
    }

    private Eddy start(String name) throws IOException {
        int port = FreePorts.any();
        Path log = dir.resolve("eddy-" + name + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-jar",
                Path.of("target/eddy.jar").toAbsolutePath().toString(), "--server.port=" + port,
                "--eddy.embedded.data-dir=" + dir.resolve(name), "--eddy.embedded.postgres.enabled=false",
                "--eddy.embedded.kafka.enabled=false", "--eddy.cluster.plan=remote",
                "--eddy.flink.gateway-url=" + endpoints.gatewayUrl(), "--eddy.flink.jobmanager-url=" + endpoints.jobManagerUrl(),
                "--eddy.kafka.bootstrap-servers=" + endpoints.kafkaBootstrapServers(),
                "--eddy.security.secret-key-file=" + secretKeyFile.toAbsolutePath()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // The store's password through the environment, not the command line.
        builder.environment().put("EDDY_STORE_URL", endpoints.storeUrl());
        builder.environment().put("EDDY_STORE_USERNAME", endpoints.storeUser());
        builder.environment().put("EDDY_STORE_PASSWORD", endpoints.storePassword().value());
        return new Eddy(builder.start(), port, log);
    }

    private void insertToken() throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(StandardCharsets.UTF_8)));
        jdbc.update("INSERT INTO api_token (username, name, token_hash, role, expires_at) VALUES ('admin', 'two eddys', ?, "
                + "'ADMIN', now() + interval '1 hour')", hash);
    }

    private JsonNode send(Eddy eddy, String method, String path, Object body, int... ok) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(eddy.base() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        for (int code : ok) {
            if (response.statusCode() == code) {
                return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            }
        }
        throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }

    private static <T> T unchecked(java.util.concurrent.Callable<T> call) {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
