package dev.eddy.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.support.Await;
import dev.eddy.support.PackagedEddy;
import dev.eddy.ui.BrowserSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The three-node plan from the packaged jar: three JobManagers (one leads), three TaskManagers and a
 * ZooKeeper quorum of three, as processes. Killing the leader, then every process of the leader's
 * node, leaves the same Flink job running from its checkpoints with exact totals in PostgreSQL; an
 * admin's change of the task slots restarts the cluster and carries the job across through a savepoint.
 */
class ThreeNodeClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "purchases_ha";
    private static final String[] CUSTOMERS = {"ada", "bob", "cy", "dee"};
    private final HttpClient http = HttpClient.newHttpClient();
    private final PackagedEddy eddy = new PackagedEddy(Path.of("target/it-three-node/" + UUID.randomUUID()),
            "--eddy.cluster.plan=three-node", "--eddy.cluster.jobmanager-memory=768m",
            "--eddy.embedded.kafka.sample-orders-per-second=1");
    private int sent;
    private final List<String> killedProcesses = new ArrayList<>();

    @Test
    void aStandbyTakesOverTheJobWhenTheLeaderOrItsWholeNodeIsKilledAndTotalsStayExact() throws Exception {
        Path nodes = eddy.dataDir().resolve("flink/nodes");
        try {
            eddy.start();
            JsonNode plan = eddy.send("GET", "/api/v1/cluster/nodes", null, 200);
            assertThat(plan.path("plan").asText()).isEqualTo("THREE_NODE");
            assertThat(plan.path("processes").findValuesAsText("name")).containsExactly("JobManager 1", "TaskManager 1",
                    "JobManager 2", "TaskManager 2", "JobManager 3", "TaskManager 3", "ZooKeeper 1", "ZooKeeper 2",
                    "ZooKeeper 3", "S3 API server");
            String firstLeader = leader();
            assertThat(firstLeader).startsWith("JobManager ");
            assertThat(plan.path("leader").asText()).isEqualTo(firstLeader);
            logsOfEveryJobManagerAndTaskManagerAreReadable();

            try (Admin admin = Admin.create(Map.of("bootstrap.servers", eddy.kafkaBootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            sql("CREATE TABLE totals_ha (customer TEXT PRIMARY KEY, purchases BIGINT, amount BIGINT)");
            eddy.statement("CREATE TABLE purchases_ha (customer STRING, amount INT) WITH ('connector' = 'kafka', "
                    + "'eddy.integration' = 'local-kafka', 'topic' = '" + TOPIC + "', 'format' = 'json', "
                    + "'scan.startup.mode' = 'earliest-offset')");
            eddy.statement("CREATE TABLE totals_ha (customer STRING, purchases BIGINT, amount BIGINT, "
                    + "PRIMARY KEY (customer) NOT ENFORCED) WITH ('connector' = 'jdbc', "
                    + "'eddy.integration' = 'sample-postgres', 'table-name' = 'totals_ha')");
            purchase(25);
            long id = eddy.send("POST", "/api/v1/jobs", Map.of("name", "totals on three nodes", "statement",
                    "INSERT INTO totals_ha SELECT customer, COUNT(*), SUM(amount) FROM purchases_ha GROUP BY customer",
                    "settings", Map.of("execution.checkpointing.interval", "2 s")), 201, 200).path("id").asLong();
            String flinkJob = Await.until("the job to run", Duration.ofSeconds(90),
                    () -> PackagedEddy.call(() -> eddy.send("GET", "/api/v1/jobs/" + id, null, 200)),
                    j -> "RUNNING".equals(j.path("state").asText())).path("flinkJobId").asText();
            Await.until("every task to run", Duration.ofSeconds(60), () -> allTasksRunning(nodes, flinkJob), r -> r);
            awaitExactTotals();
            long checkpoint = awaitCheckpointAfter(nodes, flinkJob, 0);

            // kill -9 of the TaskManager running the job: the job restarts on a free slot of another one.
            String holder = taskManagerRunning(nodes, flinkJob);
            int failures = failures(nodes, flinkJob);
            long killed = kill(holder);
            purchase(25);
            Await.until("the job's tasks to run again after a restart", Duration.ofSeconds(90),
                    () -> failures(nodes, flinkJob) > failures && allTasksRunning(nodes, flinkJob), r -> r);
            System.out.printf("%s (running the job) killed -9: every task of the job ran again after %.1f s, on %s%n", holder,
                    (System.nanoTime() - killed) / 1e9, taskManagerRunning(nodes, flinkJob));
            checkpoint = awaitCheckpointAfter(nodes, flinkJob, checkpoint);
            awaitExactTotals();

            // kill -9 of the leading JobManager: a standby leads and recovers the same job from its checkpoint.
            killed = kill(firstLeader);
            purchase(25);
            String secondLeader = Await.until("a standby to lead", Duration.ofSeconds(60),
                    () -> PackagedEddy.call(this::leader), l -> !l.isEmpty() && !l.equals(firstLeader));
            Await.until("the job's tasks to run again", Duration.ofSeconds(90),
                    () -> allTasksRunning(nodes, flinkJob), r -> r);
            System.out.printf("Leader JobManager killed -9: every task of the same job ran again after %.1f s%n",
                    (System.nanoTime() - killed) / 1e9);
            checkpoint = awaitCheckpointAfter(nodes, flinkJob, checkpoint);
            awaitExactTotals();

            // kill -9 of every process of the leader's node: JobManager, TaskManager and ZooKeeper peer.
            String node = secondLeader.substring("JobManager ".length());
            killed = kill("JobManager " + node, "TaskManager " + node, "ZooKeeper " + node);
            purchase(25);
            Await.until("another node to lead", Duration.ofSeconds(60),
                    () -> PackagedEddy.call(this::leader), l -> !l.isEmpty() && !l.equals(secondLeader));
            Await.until("the job's tasks to run again", Duration.ofSeconds(120),
                    () -> allTasksRunning(nodes, flinkJob), r -> r);
            System.out.printf("Whole node %s killed -9: every task of the same job ran again after %.1f s%n", node,
                    (System.nanoTime() - killed) / 1e9);
            awaitCheckpointAfter(nodes, flinkJob, checkpoint);
            awaitExactTotals();

            JsonNode job = eddy.send("GET", "/api/v1/jobs/" + id, null, 200);
            assertThat(job.path("flinkJobId").asText()).as("the same Flink job, recovered, not started again").isEqualTo(flinkJob);
            JsonNode back = Await.until("the killed processes to run again", Duration.ofSeconds(60),
                    () -> PackagedEddy.call(() -> eddy.send("GET", "/api/v1/cluster/nodes", null, 200)),
                    n -> n.findValues("running").stream().allMatch(JsonNode::asBoolean));
            for (JsonNode process : back.path("processes")) {
                String name = process.path("name").asText();
                assertThat(process.path("restarts").asInt()).as(name).isEqualTo(java.util.Collections.frequency(killedProcesses, name));
            }
            clusterPageShowsTheLeader(leader());
            String afterApply = changingTheSlotsRestartsTheClusterAndTheJobComesBackFromASavepoint(id, flinkJob);
            aPowerOffOfEverythingBringsTheJobBackFromItsLatestCheckpoint(id, afterApply, nodes);
        } finally {
            eddy.kill();
            try (var dirs = Files.list(nodes)) {
                dirs.forEach(d -> ClusterProcessesSupport.pid(d).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly));
            } catch (IOException e) {
                // Nothing started.
            }
        }
    }

    /**
     * An admin gives every TaskManager two task slots instead of four: the job is stopped with a savepoint, the JobManagers
     * and TaskManagers restart with the new setting, and the job runs again from the savepoint, totals exact.
     */
    private String changingTheSlotsRestartsTheClusterAndTheJobComesBackFromASavepoint(long id, String flinkJob) throws Exception {
        JsonNode current = eddy.send("GET", "/api/v1/cluster/settings/current", null, 200);
        assertThat(current.path("restart").asText()).isEqualTo("NOW");
        Map<String, String> options = new java.util.TreeMap<>(JSON.convertValue(current.path("options"),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {}));
        options.put("taskmanager.numberOfTaskSlots", "2");
        JsonNode preview = eddy.send("POST", "/api/v1/cluster/settings/preview", Map.of("options", options), 200);
        assertThat(preview.path("restart").asText()).isEqualTo("NOW");
        assertThat(preview.path("jobsToCarry").get(0).asText()).isEqualTo("totals on three nodes");
        long t0 = System.nanoTime();
        JsonNode version = eddy.send("PUT", "/api/v1/cluster/settings", Map.of("options", options), 200);
        System.out.printf("Task slots 4 → 2 on three nodes with 1 running job: applied in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertThat(version.path("outcome").asText()).as(version.toString()).isEqualTo("APPLIED");
        assertThat(version.path("message").asText()).contains("Its job runs again from its savepoint.");
        // The console's figures are a tick old at most: the first after the restart may still say "leader election".
        Await.until("6 task slots in all", Duration.ofSeconds(30),
                () -> PackagedEddy.call(() -> eddy.send("GET", "/api/v1/cluster", null, 200, 503)).path("slotsTotal").asInt(),
                n -> n == 6);
        JsonNode job = Await.until("the job to run after the restart", Duration.ofSeconds(90),
                () -> PackagedEddy.call(() -> eddy.send("GET", "/api/v1/jobs/" + id, null, 200)),
                j -> "RUNNING".equals(j.path("state").asText()));
        assertThat(job.path("flinkJobId").asText()).isNotEqualTo(flinkJob);
        assertThat(eddy.send("GET", "/api/v1/jobs/" + id + "/runs", null, 200).get(0).path("restoredFrom").asText())
                .startsWith("s3://eddy/savepoints/");
        purchase(25);
        awaitExactTotals();
        JsonNode versions = eddy.send("GET", "/api/v1/cluster/settings/versions", null, 200);
        assertThat(versions.get(0).path("changedBy").asText()).isEqualTo("admin");
        assertThat(eddy.send("GET", "/api/v1/audit?action=Cluster%20settings", null, 200).toString())
                .contains("taskmanager.numberOfTaskSlots: 4 → 2");
        return job.path("flinkJobId").asText();
    }

    /**
     * A power-off: Eddy stopped and every process of the cluster killed. The next start is a cold one (a
     * new cluster id, so Flink recovers nothing by itself): Eddy's watcher brings the job back from its
     * latest checkpoint in the S3 API server, once, and the totals stay exact; the slots stay as applied.
     */
    private void aPowerOffOfEverythingBringsTheJobBackFromItsLatestCheckpoint(long id, String flinkJob, Path nodes)
            throws Exception {
        awaitCheckpointAfter(nodes, flinkJob, 0);
        // Eddy's watcher records each run's latest checkpoint every few seconds: power off once it has one.
        Await.until("Eddy to record a checkpoint of the run", Duration.ofSeconds(60),
                () -> PackagedEddy.call(() -> eddy.send("GET", "/api/v1/jobs/" + id + "/restore-points", null, 200)).get(0)
                        .path("path").asText(), p -> p.startsWith("s3://eddy/checkpoints/" + flinkJob + "/"));
        assertThat(eddy.stop()).as("Eddy stops within 90 s").isTrue();
        List<ProcessHandle> cluster = new ArrayList<>();
        try (var dirs = Files.list(nodes)) {
            dirs.forEach(d -> ClusterProcessesSupport.pid(d).flatMap(ProcessHandle::of).ifPresent(cluster::add));
        }
        assertThat(cluster).as("the cluster outlives Eddy: 3 JobManagers, 3 TaskManagers, 3 ZooKeeper peers, S3").hasSize(10);
        cluster.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : cluster) {
            p.onExit().get(30, TimeUnit.SECONDS);
        }
        eddy.start();
        JsonNode job = Await.until("the job to run again after the power-off", Duration.ofSeconds(120),
                () -> PackagedEddy.call(() -> eddy.send("GET", "/api/v1/jobs/" + id, null, 200)),
                j -> "RUNNING".equals(j.path("state").asText()) && !flinkJob.equals(j.path("flinkJobId").asText()));
        assertThat(eddy.send("GET", "/api/v1/jobs/" + id + "/runs", null, 200).get(0).path("restoredFrom").asText())
                .startsWith("s3://eddy/checkpoints/" + flinkJob + "/chk-");
        purchase(25);
        awaitExactTotals();
        List<String> running = new ArrayList<>();
        eddy.send("GET", "/api/v1/cluster/jobs", null, 200).path("items").forEach(j -> {
            if ("RUNNING".equals(j.path("state").asText())) {
                running.add(j.path("id").asText());
            }
        });
        assertThat(running).as("brought back once").containsExactly(job.path("flinkJobId").asText());
        Await.until("6 task slots in all after the cold start", Duration.ofSeconds(30),
                () -> PackagedEddy.call(() -> eddy.send("GET", "/api/v1/cluster", null, 200, 503)).path("slotsTotal").asInt(),
                n -> n == 6);
    }

    /** The standbys' logs too: each JobManager serves its own on its own REST API, and Eddy lists all three. */
    private void logsOfEveryJobManagerAndTaskManagerAreReadable() throws Exception {
        JsonNode sources = Await.until("the logs of all six processes", Duration.ofSeconds(30),
                () -> PackagedEddy.call(() -> eddy.send("GET", "/api/v1/cluster/logs", null, 200)),
                s -> s.findValuesAsText("processName").containsAll(List.of("JobManager 1", "JobManager 2", "JobManager 3",
                        "TaskManager node-1", "TaskManager node-2", "TaskManager node-3")));
        assertThat(sources.findValuesAsText("process")).contains("jobmanager:1", "jobmanager:2", "jobmanager:3");
        List<Integer> ports = restPorts(eddy.dataDir().resolve("flink/nodes"));
        for (int node = 1; node <= 3; node++) {
            JsonNode tail = eddy.send("GET", "/api/v1/cluster/logs/jobmanager:" + node
                    + "/flink.log?lines=5&contains=Rest%20endpoint%20listening", null, 200);
            String port = ":" + ports.get(node - 1);
            assertThat(toList(tail.path("lines"))).as("JobManager %d's own log", node)
                    .anySatisfy(line -> assertThat(line).endsWith(port));
        }
        eddy.send("GET", "/api/v1/cluster/logs/jobmanager:4/flink.log", null, 400);
    }

    private static List<String> toList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The leading JobManager's name as Eddy shows it; empty while there is none. */
    private String leader() throws Exception {
        for (JsonNode p : eddy.send("GET", "/api/v1/cluster/nodes", null, 200).path("processes")) {
            if (p.path("leader").asBoolean() && p.path("running").asBoolean()) {
                return p.path("name").asText();
            }
        }
        return "";
    }

    /**
     * Kills the processes named so with -9, one right after the other (their pids looked up first, as a
     * machine losing power loses them at once); the moment of the first kill, for the figures.
     */
    private long kill(String... processes) throws Exception {
        JsonNode running = eddy.send("GET", "/api/v1/cluster/nodes", null, 200).path("processes");
        List<ProcessHandle> handles = new ArrayList<>();
        for (String process : processes) {
            JsonNode found = null;
            for (JsonNode p : running) {
                if (p.path("name").asText().equals(process)) {
                    found = p;
                }
            }
            if (found == null) {
                throw new AssertionError("No process named " + process);
            }
            handles.add(ProcessHandle.of(found.path("pid").asLong()).orElseThrow());
        }
        long at = System.nanoTime();
        handles.forEach(ProcessHandle::destroyForcibly);
        killedProcesses.addAll(List.of(processes));
        return at;
    }

    /** Sends {@code each} purchases for every customer, amounts counting up. */
    private void purchase(int each) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", eddy.kafkaBootstrapServers(),
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName()))) {
            for (int i = 0; i < each; i++) {
                for (String c : CUSTOMERS) {
                    producer.send(new ProducerRecord<>(TOPIC, c, "{\"customer\":\"" + c + "\",\"amount\":" + (i + 1) + "}"));
                }
            }
            producer.flush();
        }
        sent += each;
    }

    /** Every customer's count and sum in PostgreSQL are those of what was sent, once each. */
    private void awaitExactTotals() {
        long amount = 0;
        for (int batch = 0; batch < sent / 25; batch++) {
            amount += 25 * 26 / 2;
        }
        String expected = String.join(",", java.util.Arrays.stream(CUSTOMERS).map(c -> c + "=" + sent).toList())
                + "|" + amount * CUSTOMERS.length;
        Await.until("totals of " + sent + " purchases per customer", Duration.ofSeconds(90), () -> PackagedEddy.call(() -> {
            StringBuilder seen = new StringBuilder();
            long sum = 0;
            try (Connection c = eddy.database("sample"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT customer, purchases, amount FROM totals_ha ORDER BY customer")) {
                while (rs.next()) {
                    seen.append(seen.isEmpty() ? "" : ",").append(rs.getString(1)).append('=').append(rs.getLong(2));
                    sum += rs.getLong(3);
                }
            }
            return seen + "|" + sum;
        }), expected::equals);
    }

    private void sql(String statement) throws Exception {
        try (Connection c = eddy.database("sample"); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private long awaitCheckpointAfter(Path nodes, String job, long after) {
        return Await.until("a checkpoint after " + after, Duration.ofSeconds(60),
                () -> get(nodes, "/jobs/" + job + "/checkpoints").path("latest").path("completed").path("id").asLong(0),
                id -> id > after);
    }

    /** The TaskManager (as Eddy names it) running the job's first task: resource id node-N is TaskManager N. */
    private String taskManagerRunning(Path nodes, String job) {
        String vertex = get(nodes, "/jobs/" + job).path("vertices").path(0).path("id").asText();
        String id = get(nodes, "/jobs/" + job + "/vertices/" + vertex + "/taskmanagers").path("taskmanagers").path(0)
                .path("taskmanager-id").asText();
        return "TaskManager " + id.replace("node-", "");
    }

    /** How many failures Flink's exception history holds for the job (each a restart). */
    private int failures(Path nodes, String job) {
        return get(nodes, "/jobs/" + job + "/exceptions").path("exceptionHistory").path("entries").size();
    }

    private boolean allTasksRunning(Path nodes, String job) {
        return ClusterProcessesSupport.allTasksRunning(get(nodes, "/jobs/" + job));
    }

    /** Asks the JobManagers' REST APIs in turn (a standby answers too); an empty node when none does. */
    private JsonNode get(Path nodes, String path) {
        for (int port : restPorts(nodes)) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return JSON.readTree(response.body());
                }
            } catch (IOException e) {
                // That JobManager is down: ask the next.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return JSON.createObjectNode();
    }

    private static List<Integer> restPorts(Path nodes) {
        List<Integer> ports = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(nodes.resolve("conf/config.yaml"))) {
                if (line.startsWith("rest.port: ") || line.matches("eddy\\.node-\\d\\.rest\\.port: .*")) {
                    ports.add(Integer.parseInt(line.substring(line.indexOf(": ") + 2).replace("'", "").strip()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return ports;
    }


    /** The Cluster page, as the admin sees it: nine processes of the plan and which JobManager leads. */
    private void clusterPageShowsTheLeader(String leader) throws Exception {
        ChromeDriver browser = BrowserSupport.open();
        try {
            BrowserSupport.signIn(browser, eddy.base(), "admin", eddy.adminPassword());
            browser.get(eddy.base() + "/cluster");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            String plan = wait.until(d -> d.findElement(By.cssSelector(".eddy-plan"))).getText();
            assertThat(plan).startsWith("Plan: Three nodes — each node a JobManager, a TaskManager and a ZooKeeper peer");
            assertThat(browser.findElement(By.cssSelector(".eddy-leader")).getText()).startsWith("Leading JobManager: " + leader);
            wait.until(d -> gridText(browser).contains("ZooKeeper 3"));
            assertThat(gridText(browser)).contains(leader + "|Running (pid").contains(" · leader|");
            BrowserSupport.screenshot(browser, "cluster-three-node");
        } finally {
            browser.quit();
        }
    }

    private static String gridText(ChromeDriver browser) {
        return ClusterProcessesSupport.nodesGridText(browser);
    }
}
