package dev.eddy.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.cluster.ClusterPlan;
import dev.eddy.support.Await;
import dev.eddy.support.PackagedEddy;
import dev.eddy.support.SeparateSqlGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A job's whole life on a cluster Eddy did not start, as a team's remote session cluster: a JobManager
 * and a TaskManager as processes of their own keeping state in an S3 API server, Flink's SQL Gateway
 * as a process with only Eddy's catalog jar added, Kafka and PostgreSQL beside them. Eddy (the
 * packaged jar, {@code remote} plan, told where the cluster keeps its state) deploys a Kafka →
 * PostgreSQL upsert job and the totals stay exact through a stop with savepoint, a restart from it,
 * Eddy killed -9 and started again, and the cluster's processes killed -9 and started again.
 */
class RemoteClusterIT {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOPIC = "remote_purchases";
    private static final Path DIR = Path.of("target/it-remote-cluster/" + UUID.randomUUID()).toAbsolutePath();
    private static final String SECRET_KEY = randomKey();
    private static EmbeddedStack cluster;
    private static SeparateSqlGateway gateway;
    private static PackagedEddy eddy;

    @BeforeAll
    static void startTheClusterAndEddy() throws Exception {
        cluster = new EmbeddedStack(new EmbeddedProperties(DIR.resolve("cluster"), new EmbeddedProperties.Postgres(true, 0),
                new EmbeddedProperties.Kafka(true, 0, 0, 0), new EmbeddedProperties.Flink(0, 0, 2, 1, "")),
                new ClusterProperties(ClusterPlan.SINGLE_NODE, "768m", "1024m", false,
                        new ClusterProperties.ObjectStorageSettings("", "eddy", "", ""))).start();
        String store = cluster.postgresUrl("eddy").orElseThrow();
        gateway = SeparateSqlGateway.start(Files.createDirectories(DIR.resolve("gateway")), cluster.jobManagerUrl().orElseThrow(),
                Map.of("EDDY_STORE_URL", store, "EDDY_STORE_USERNAME", cluster.storeUser(),
                        "EDDY_STORE_PASSWORD", cluster.storePassword(), "EDDY_SECURITY_SECRET_KEY", SECRET_KEY));
        Properties s3 = s3Server();
        eddy = new PackagedEddy(DIR.resolve("eddy"), "--eddy.cluster.plan=remote",
                "--eddy.embedded.postgres.enabled=false", "--eddy.embedded.kafka.enabled=false",
                "--eddy.flink.gateway-url=" + gateway.url(), "--eddy.flink.jobmanager-url=" + cluster.jobManagerUrl().orElseThrow(),
                "--eddy.kafka.bootstrap-servers=" + kafka(), "--eddy.store.url=" + store,
                "--eddy.store.username=" + cluster.storeUser(), "--eddy.store.password=" + cluster.storePassword(),
                "--eddy.security.secret-key=" + SECRET_KEY,
                "--eddy.cluster.object-storage.endpoint=" + s3.getProperty("s3proxy.endpoint"),
                "--eddy.cluster.object-storage.access-key=" + s3.getProperty("s3proxy.identity"),
                "--eddy.cluster.object-storage.secret-key=" + s3.getProperty("s3proxy.credential"))
                .withStore(() -> DriverManager.getConnection(store, cluster.postgresUser(), cluster.postgresPassword()));
        eddy.start();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (eddy != null) {
            eddy.kill();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (cluster != null) {
            cluster.close();
            // The cluster's processes outlive the stack that started them, as a remote cluster outlives Eddy.
            for (String process : new String[] {"taskmanager-1", "jobmanager", "s3"}) {
                ClusterProcessesSupport.pid(nodes().resolve(process)).flatMap(ProcessHandle::of)
                        .ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void aJobOnARemoteClusterKeepsExactTotalsThroughSavepointsAndEddyAndClusterRestarts() throws Exception {
        createPipeline();
        long id = eddy.send("POST", "/api/v1/jobs", Map.of("name", "remote totals", "statement",
                "INSERT INTO remote_totals SELECT customer, COUNT(*), SUM(amount) FROM remote_purchases GROUP BY customer",
                "settings", Map.of("execution.checkpointing.interval", "2 s")), 201, 200).path("id").asLong();
        String firstRun = running(id, null);
        purchase(5, "ada", "bob");
        awaitTotals(Map.of("ada", 5L, "bob", 5L));
        assertThat(eddy.send("GET", "/api/v1/cluster/nodes", null, 200).path("stateStorage").asText())
                .as("the Cluster page says where the remote cluster keeps its state")
                .startsWith("s3://eddy in the S3 service at http://127.0.0.1:");

        // Stop with a savepoint: written by the cluster into the S3 server, measured by Eddy through it.
        JsonNode savepoint = eddy.send("POST", "/api/v1/jobs/" + id + "/stop", null, 200);
        String savepointPath = savepoint.path("path").asText();
        assertThat(savepointPath).startsWith("s3://eddy/savepoints/");
        assertThat(savepoint.path("sizeBytes").asLong()).as("read through the S3 API from Eddy's JVM").isPositive();
        purchase(3, "ada", "cy");
        eddy.send("POST", "/api/v1/jobs/" + id + "/restart", null, 200);
        String secondRun = running(id, firstRun);
        assertThat(eddy.send("GET", "/api/v1/jobs/" + id + "/runs", null, 200).get(0).path("restoredFrom").asText())
                .isEqualTo(savepointPath);
        awaitTotals(Map.of("ada", 8L, "bob", 5L, "cy", 3L));

        // Eddy killed -9: the job runs on; the next Eddy finds it as it was.
        eddy.kill();
        purchase(2, "bob");
        eddy.start();
        JsonNode job = eddy.send("GET", "/api/v1/jobs/" + id, null, 200);
        assertThat(job.path("state").asText()).isEqualTo("RUNNING");
        assertThat(job.path("flinkJobId").asText()).as("not restarted by Eddy's start").isEqualTo(secondRun);
        awaitTotals(Map.of("ada", 8L, "bob", 7L, "cy", 3L));

        // The cluster's JobManager and TaskManager killed -9 and started again (no HA: the job is gone from it):
        // Eddy brings the job back from its latest checkpoint in the S3 server.
        String checkpoints = cluster.jobManagerUrl().orElseThrow() + "/jobs/" + secondRun + "/checkpoints";
        Await.until("a checkpoint of the running job", Duration.ofSeconds(60), () -> PackagedEddy.call(() -> JSON.readTree(
                HTTP.send(HttpRequest.newBuilder(URI.create(checkpoints)).build(), HttpResponse.BodyHandlers.ofString()).body()))
                .path("counts").path("completed").asLong(), n -> n >= 2);
        // Eddy restores from the checkpoint its job watcher recorded (every 3 s): killed before that, the run
        // would come back from the savepoint before it, which is right but not what this step proves.
        Await.until("Eddy to record a checkpoint of the running job", Duration.ofSeconds(30),
                () -> PackagedEddy.call(() -> eddy.send("GET", "/api/v1/jobs/" + id + "/runs", null, 200).get(0)),
                r -> r.path("flinkJobId").asText().equals(secondRun) && r.path("lastCheckpoint").asText("").startsWith("s3://"));
        for (String process : new String[] {"jobmanager", "taskmanager-1"}) {
            ClusterProcessesSupport.pid(nodes().resolve(process)).flatMap(ProcessHandle::of).orElseThrow().destroyForcibly();
        }
        purchase(4, "dee");
        String thirdRun = running(id, secondRun);
        JsonNode run = eddy.send("GET", "/api/v1/jobs/" + id + "/runs", null, 200).get(0);
        assertThat(run.path("restoredFrom").asText()).as(run.toString()).startsWith("s3://eddy/checkpoints/" + secondRun);
        assertThat(thirdRun).isNotEqualTo(secondRun);
        awaitTotals(Map.of("ada", 8L, "bob", 7L, "cy", 3L, "dee", 4L));

        // A savepoint deleted from the store is known gone (looked up there), and no longer offered.
        assertThat(restorePoints(id)).contains(savepointPath);
        Path bucket = DIR.resolve("cluster/flink/object-storage/eddy");
        deleteTree(bucket.resolve(savepointPath.substring("s3://eddy/".length())));
        assertThat(restorePoints(id)).doesNotContain(savepointPath).isNotEmpty();
        Properties s3 = s3Server();
        assertThat(Files.readString(eddy.log())).doesNotContain(s3.getProperty("s3proxy.credential"))
                .doesNotContain(cluster.storePassword()).doesNotContain(SECRET_KEY);
    }

    private static List<String> restorePoints(long id) throws Exception {
        return eddy.send("GET", "/api/v1/jobs/" + id + "/restore-points", null, 200).findValuesAsText("path");
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        assertThat(dir).isDirectory();
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void createPipeline() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        sample(s -> s.execute("CREATE TABLE remote_totals (customer TEXT PRIMARY KEY, purchases BIGINT, amount BIGINT)"));
        eddy.send("PUT", "/api/v1/integrations/cluster-kafka", Map.of("kind", "KAFKA",
                "settings", Map.of("bootstrap.servers", kafka())), 200, 201);
        String user = cluster.postgresUser();
        eddy.send("PUT", "/api/v1/integrations/cluster-postgres", Map.of("kind", "POSTGRES",
                "settings", Map.of("host", "127.0.0.1", "port", String.valueOf(cluster.postgresPort().orElseThrow()),
                        "database", "sample", "read.user", user, "write.user", user),
                "secrets", Map.of("read.password", cluster.postgresPassword(), "write.password", cluster.postgresPassword())),
                200, 201);
        // Planned by the separate gateway, whose catalog reads these tables and integrations from Eddy's store.
        eddy.statement("CREATE TABLE remote_purchases (customer STRING, amount INT) WITH ('connector' = 'kafka', "
                + "'eddy.integration' = 'cluster-kafka', 'topic' = '" + TOPIC + "', 'format' = 'json', "
                + "'scan.startup.mode' = 'earliest-offset')");
        eddy.statement("CREATE TABLE remote_totals (customer STRING, purchases BIGINT, amount BIGINT, "
                + "PRIMARY KEY (customer) NOT ENFORCED) WITH ('connector' = 'jdbc', "
                + "'eddy.integration' = 'cluster-postgres', 'table-name' = 'remote_totals')");
    }

    /** Waits until the job runs a Flink job other than {@code before}, every task running; its Flink job id. */
    private static String running(long id, String before) {
        JsonNode job = Await.until("job " + id + " to run", Duration.ofSeconds(150),
                () -> PackagedEddy.call(() -> eddy.send("GET", "/api/v1/jobs/" + id, null, 200)),
                j -> "RUNNING".equals(j.path("state").asText()) && !j.path("flinkJobId").asText().equals(before));
        return job.path("flinkJobId").asText();
    }

    private static void purchase(int each, String... customers) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka(),
                "key.serializer", StringSerializer.class.getName(), "value.serializer", StringSerializer.class.getName()))) {
            for (int i = 0; i < each; i++) {
                for (String c : customers) {
                    producer.send(new ProducerRecord<>(TOPIC, c, "{\"customer\":\"" + c + "\",\"amount\":1}"));
                }
            }
            producer.flush();
        }
    }

    private static void awaitTotals(Map<String, Long> expected) {
        Await.until("the totals " + expected, Duration.ofSeconds(90), RemoteClusterIT::totals, new TreeMap<>(expected)::equals);
    }

    private static Map<String, Long> totals() {
        Map<String, Long> totals = new TreeMap<>();
        sample(s -> {
            try (ResultSet rs = s.executeQuery("SELECT customer, purchases FROM remote_totals")) {
                while (rs.next()) {
                    totals.put(rs.getString(1), rs.getLong(2));
                }
            }
        });
        return totals;
    }

    private static void sample(SqlWork work) {
        try (Connection c = DriverManager.getConnection(cluster.postgresUrl("sample").orElseThrow(), cluster.postgresUser(),
                cluster.postgresPassword()); Statement s = c.createStatement()) {
            work.run(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface SqlWork {
        void run(Statement s) throws Exception;
    }

    private static String kafka() {
        return cluster.kafkaBootstrapServers().orElseThrow();
    }

    private static Path nodes() {
        return DIR.resolve("cluster/flink/nodes");
    }

    private static Properties s3Server() throws Exception {
        Properties s3 = new Properties();
        try (var in = Files.newBufferedReader(nodes().resolve("s3/s3proxy.properties"))) {
            s3.load(in);
        }
        return s3;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
