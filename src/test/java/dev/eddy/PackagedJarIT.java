package dev.eddy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.cluster.JobManagerClient;
import dev.eddy.gateway.OperationHandle;
import dev.eddy.gateway.SqlGatewayClient;
import dev.eddy.support.Await;
import dev.eddy.support.FreePorts;
import dev.eddy.support.SeparateProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged application ({@code java -jar target/eddy.jar}) starts, runs an INSERT job on its
 * embedded cluster, and stops cleanly: Flink must load job classes from inside Spring Boot's jar.
 */
class PackagedJarIT {

    @Test
    void theSameJarIsTheEddyCommandLine() throws Exception {
        Path jar = Path.of("target/eddy.jar");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process help = new ProcessBuilder(java, "-jar", jar.toString(), "--help").redirectErrorStream(true).start();
        String out = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(help.waitFor()).as(out).isZero();
        assertThat(out).contains("Usage: eddy").contains("plan").contains("apply").contains("export").contains("sql");
        ProcessBuilder jobs = new ProcessBuilder(java, "-Duser.home=" + Files.createTempDirectory("eddy-home"), "-jar",
                jar.toString(), "jobs").redirectErrorStream(true);
        jobs.environment().keySet().removeIf(k -> k.startsWith("EDDY_"));
        Process notLoggedIn = jobs.start();
        String said = new String(notLoggedIn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(notLoggedIn.waitFor()).as(said).isEqualTo(1);
        assertThat(said).contains("Not logged in: run eddy login");
    }

    @Test
    void packagedJarRunsAnInsertJobAndStopsCleanly() throws Exception {
        Path jar = Path.of("target/eddy.jar");
        assertThat(jar).as("mvn package builds the jar before the integration tests").exists();
        Path dataDir = Path.of("target/it-jar/" + UUID.randomUUID());
        Path log = Files.createDirectories(dataDir).resolve("eddy.log");
        int http = FreePorts.any();
        int postgres = FreePorts.any();
        int kafka = FreePorts.any();
        int controller = FreePorts.any();
        int rest = FreePorts.any();
        int gateway = FreePorts.any();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process eddy = new ProcessBuilder(java, "-Xmx1g", "-jar", jar.toString(),
                "--server.port=" + http,
                "--eddy.embedded.data-dir=" + dataDir,
                "--eddy.embedded.postgres.port=" + postgres,
                "--eddy.embedded.kafka.port=" + kafka,
                "--eddy.embedded.kafka.controller-port=" + controller,
                "--eddy.embedded.flink.rest-port=" + rest,
                "--eddy.embedded.flink.gateway-port=" + gateway)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            SeparateProcess.awaitHttp(eddy, "the packaged Eddy", "http://127.0.0.1:" + http + "/login",
                    Duration.ofSeconds(180), log);
            // A fresh Eddy without EDDY_ADMIN_PASSWORD says where the first admin is made.
            Await.until("the log to say how to sign in", Duration.ofSeconds(30), () -> {
                try {
                    return Files.readString(log);
                } catch (IOException e) {
                    return "";
                }
            },
                    text -> text.contains("Open http://localhost:" + http + "/setup in a browser on this machine"));

            SqlGatewayClient gatewayClient = new SqlGatewayClient("http://127.0.0.1:" + gateway,
                    Duration.ofSeconds(30), new ObjectMapper());
            JobManagerClient jobManager = new JobManagerClient("http://127.0.0.1:" + rest, new ObjectMapper());
            String sampleUrl = "jdbc:postgresql://127.0.0.1:" + postgres + "/sample";
            // The embedded superuser has a random password, kept owner-only beside the data.
            String superuserPassword = Files.readString(dataDir.resolve("postgres/superuser.password")).strip();
            try (Connection c = DriverManager.getConnection(sampleUrl, "postgres", superuserPassword);
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE jar_numbers (n BIGINT PRIMARY KEY)");
            }
            String session = gatewayClient.openSession("packaged-jar-it", Map.of());
            run(gatewayClient, session, """
                    CREATE TEMPORARY TABLE numbers (n BIGINT) WITH (
                      'connector' = 'datagen', 'number-of-rows' = '100', 'fields.n.kind' = 'sequence',
                      'fields.n.start' = '1', 'fields.n.end' = '100')""");
            run(gatewayClient, session, """
                    CREATE TEMPORARY TABLE jar_numbers (n BIGINT, PRIMARY KEY (n) NOT ENFORCED) WITH (
                      'connector' = 'jdbc', 'url' = '%s?user=postgres&password=%s', 'table-name' = 'jar_numbers')"""
                    .formatted(sampleUrl, superuserPassword));
            String jobId = run(gatewayClient, session, "INSERT INTO jar_numbers SELECT n FROM numbers");
            String state = Await.until("the INSERT job to end", Duration.ofSeconds(120),
                    () -> jobManager.job(jobId).state(), s -> !List.of("INITIALIZING", "CREATED", "RUNNING").contains(s));
            assertThat(state).as("job state; Eddy's log: %s", SeparateProcess.tail(log)).isEqualTo("FINISHED");
            try (Connection c = DriverManager.getConnection(sampleUrl, "postgres", superuserPassword);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*), sum(n) FROM jar_numbers")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(100);
                assertThat(rs.getLong(2)).isEqualTo(5050);
            }
            gatewayClient.closeSession(session);
        } finally {
            eddy.destroy();
            boolean exited = eddy.waitFor(90, TimeUnit.SECONDS);
            if (!exited) {
                eddy.destroyForcibly();
            }
            assertThat(exited).as("Eddy stops within 90 s of SIGTERM").isTrue();
        }
        assertThat(Files.readString(log)).contains("Embedded stack stopped");
    }

    /** Runs a statement and returns the job id it started, if any. */
    private static String run(SqlGatewayClient client, String session, String statement) {
        OperationHandle op = client.execute(session, statement, Map.of());
        var page = Await.until("the statement to be executed", Duration.ofSeconds(60), () -> client.firstPage(op),
                p -> p.type() != dev.eddy.gateway.ResultType.NOT_READY);
        client.close(op);
        return page.jobId().orElse(null);
    }
}
