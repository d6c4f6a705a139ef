package dev.eddy.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.support.Await;
import dev.eddy.support.OpenSearchNode;
import dev.eddy.support.PackagedEddy;
import dev.eddy.ui.BrowserSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The single-node plan from the packaged jar: a JobManager and a TaskManager as processes of their
 * own. A TaskManager killed -9 is started again and the job runs again from its checkpoint; Eddy
 * killed -9 leaves the cluster and its job running, and the next Eddy takes them over.
 */
class SingleNodeClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final PackagedEddy eddy = new PackagedEddy(Path.of("target/it-single-node/" + UUID.randomUUID()),
            "--eddy.cluster.plan=single-node", "--eddy.cluster.jobmanager-memory=768m",
            "--eddy.embedded.kafka.sample-orders-per-second=20");

    @Test
    void aKilledTaskManagerComesBackWithItsJobAndTheClusterOutlivesAKilledEddy() throws Exception {
        Path nodes = eddy.dataDir().resolve("flink/nodes");
        java.util.concurrent.CompletableFuture<OpenSearchNode> search = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                PackagedEddy.call(() -> OpenSearchNode.start(eddy.dataDir().resolveSibling(eddy.dataDir().getFileName() + "-opensearch"))));
        try {
            eddy.start();
            long jobManager = pid(nodes, "jobmanager").orElseThrow();
            assertThat(ProcessHandle.of(jobManager)).as("the JobManager runs as a process of its own").isPresent();
            assertThat(jobManager).isNotEqualTo(eddy.process().pid());

            eddy.statement("CREATE TABLE single_node_sink (order_id BIGINT) WITH ('connector' = 'blackhole')");
            // The job calls a function of an uploaded library: its JAR reaches the TaskManager process
            // (and the TaskManager started after the kill) with the job.
            eddy.uploadLibrary("node-strings", dev.eddy.support.UdfJar.version1());
            eddy.send("PUT", "/api/v1/functions/node_shout", Map.of("library", "node-strings",
                    "className", "dev.eddy.udf.Shout"), 201);
            long id = eddy.send("POST", "/api/v1/jobs", Map.of("name", "single node", "statement",
                    "INSERT INTO single_node_sink SELECT order_id FROM orders WHERE node_shout(CAST(order_id AS STRING)) "
                            + "LIKE '%!'",
                    "settings", Map.of("execution.checkpointing.interval", "2 s")), 201, 200).path("id").asLong();
            String flinkJob = Await.until("the job to run", Duration.ofSeconds(90),
                    () -> PackagedEddy.call(() -> eddy.send("GET", "/api/v1/jobs/" + id, null, 200)),
                    j -> "RUNNING".equals(j.path("state").asText())).path("flinkJobId").asText();
            String rest = "http://127.0.0.1:" + restPort(nodes);
            Await.until("every task to run", Duration.ofSeconds(60), () -> allTasksRunning(rest, flinkJob), r -> r);
            Await.until("a completed checkpoint", Duration.ofSeconds(60),
                    () -> get(rest + "/jobs/" + flinkJob + "/checkpoints").path("counts").path("completed").asLong(),
                    n -> n >= 1);
            OpenSearchNode openSearch = search.get(3, java.util.concurrent.TimeUnit.MINUTES);
            eddy.send("PUT", "/api/v1/integrations/cluster-logs", Map.of("kind", "OPENSEARCH", "settings",
                    Map.of("url", openSearch.url(), "index", "single-node-{yyyy.MM.dd}")), 200);

            // kill -9 of the TaskManager: Eddy starts a new one and Flink restarts the job on it.
            long taskManager = pid(nodes, "taskmanager-1").orElseThrow();
            long killed = System.nanoTime();
            ProcessHandle.of(taskManager).orElseThrow().destroyForcibly();
            Await.until("a new TaskManager", Duration.ofSeconds(30), () -> pid(nodes, "taskmanager-1"),
                    p -> p.isPresent() && p.get() != taskManager && ProcessHandle.of(p.get()).isPresent());
            Await.until("the job's tasks to run again", Duration.ofSeconds(90), () -> allTasksRunning(rest, flinkJob)
                    && get(rest + "/jobs/" + flinkJob).path("status-counts").path("RUNNING").asInt() > 0
                    && taskManagerCount(rest) == 1 && restarted(rest, flinkJob), r -> r);
            System.out.printf("TaskManager killed -9: every task of the job ran again after %.1f s%n",
                    (System.nanoTime() - killed) / 1e9);
            JsonNode plan = eddy.send("GET", "/api/v1/cluster/nodes", null, 200);
            assertThat(plan.path("plan").asText()).isEqualTo("SINGLE_NODE");
            assertThat(plan.path("processes").findValuesAsText("name")).containsExactly("JobManager", "TaskManager",
                    "S3 API server");
            assertThat(plan.path("stateStorage").asText())
                    .startsWith("s3://eddy (checkpoints/ and savepoints/) in Eddy's own S3 API server at http://127.0.0.1:");
            JsonNode restartedTaskManager = plan.path("processes").get(1);
            assertThat(restartedTaskManager.path("running").asBoolean()).isTrue();
            assertThat(restartedTaskManager.path("restarts").asInt()).as("started again once").isEqualTo(1);
            assertThat(plan.path("processes").get(0).path("restarts").asInt()).isZero();
            clusterPageShows("Running (pid " + restartedTaskManager.path("pid").asLong() + ")");
            logsOfEveryProcessAreReadable(id);
            logsAreShippedToOpenSearch(openSearch, flinkJob);

            // kill -9 of Eddy: the cluster and the job go on; the next Eddy takes them over.
            eddy.kill();
            Thread.sleep(3_000);
            assertThat(ProcessHandle.of(jobManager)).as("the JobManager outlives Eddy").isPresent();
            assertThat(get(rest + "/jobs/" + flinkJob).path("state").asText()).isEqualTo("RUNNING");
            eddy.start();
            assertThat(pid(nodes, "jobmanager")).as("the same JobManager, taken over").contains(jobManager);
            assertThat(Files.readString(eddy.log())).contains("still runs from an earlier start");
            JsonNode job = eddy.send("GET", "/api/v1/jobs/" + id, null, 200);
            assertThat(job.path("state").asText()).isEqualTo("RUNNING");
            assertThat(job.path("flinkJobId").asText()).as("the job was not restarted").isEqualTo(flinkJob);

            stateIsKeptInEddysS3ServerOutOfReachWithoutItsKeys(rest, flinkJob, nodes);
            // A stop with savepoint writes it there, Eddy measures it through the S3 API, and a restart reads it.
            JsonNode savepoint = eddy.send("POST", "/api/v1/jobs/" + id + "/stop", null, 200);
            assertThat(savepoint.path("path").asText()).startsWith("s3://eddy/savepoints/");
            assertThat(savepoint.path("sizeBytes").asLong()).as("measured from Eddy's JVM through the S3 API").isPositive();
            assertThat(eddy.send("GET", "/api/v1/jobs/" + id + "/restore-points", null, 200).get(0).path("path").asText())
                    .isEqualTo(savepoint.path("path").asText());
            eddy.send("POST", "/api/v1/jobs/" + id + "/restart", null, 200);
            JsonNode back = Await.until("the job to run from its savepoint", Duration.ofSeconds(90),
                    () -> PackagedEddy.call(() -> eddy.send("GET", "/api/v1/jobs/" + id, null, 200)),
                    j -> "RUNNING".equals(j.path("state").asText()));
            assertThat(eddy.send("GET", "/api/v1/jobs/" + id + "/runs", null, 200).get(0).path("restoredFrom").asText())
                    .isEqualTo(savepoint.path("path").asText());
            assertThat(back.path("flinkJobId").asText()).isNotEqualTo(flinkJob);
            // Eddy's own lines, shipped by the Eddy started again (the integration is in its store).
            String started = "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"process.keyword\":\"Eddy\"}},"
                    + "{\"match_phrase\":{\"message\":\"started as Flink job " + back.path("flinkJobId").asText() + "\"}}]}}}";
            Await.until("Eddy's line about the restart in OpenSearch", Duration.ofSeconds(60),
                    () -> openSearch.search("single-node-*", started), hits -> hits.size() == 1);
        } finally {
            eddy.kill();
            search.thenAccept(node -> PackagedEddy.call(() -> {
                node.close();
                return null;
            }));
            for (String process : new String[] {"taskmanager-1", "jobmanager", "s3"}) {
                pid(nodes, process).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** The job's checkpoints are objects in Eddy's S3 API server's bucket, which answers nobody without its keys. */
    private void stateIsKeptInEddysS3ServerOutOfReachWithoutItsKeys(String rest, String flinkJob, Path nodes) throws Exception {
        String checkpoint = Await.until("a checkpoint of the taken-over job", Duration.ofSeconds(60),
                () -> get(rest + "/jobs/" + flinkJob + "/checkpoints").path("latest").path("completed").path("external_path")
                        .asText(""), p -> !p.isEmpty());
        assertThat(checkpoint).startsWith("s3://eddy/checkpoints/");
        // Flink keeps one checkpoint and deletes the one before every 2 s: look for whichever is there now.
        Path bucket = eddy.dataDir().resolve("flink/object-storage/eddy");
        Path jobCheckpoints = bucket.resolve("checkpoints").resolve(flinkJob);
        java.util.function.Supplier<Optional<String>> current = () -> {
            try (var dirs = Files.list(jobCheckpoints)) {
                return dirs.filter(d -> d.getFileName().toString().startsWith("chk-"))
                        .filter(d -> Files.exists(d.resolve("_metadata")))
                        .map(d -> bucket.relativize(d.resolve("_metadata")).toString()).findFirst();
            } catch (IOException e) {
                return Optional.empty();
            }
        };
        Await.until("a checkpoint's metadata in the bucket's directory", Duration.ofSeconds(30), current, Optional::isPresent);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(bucket))).isEqualTo("rwx------");
        java.util.Properties s3 = new java.util.Properties();
        try (var in = Files.newBufferedReader(nodes.resolve("s3/s3proxy.properties"))) {
            s3.load(in);
        }
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(nodes.resolve("s3/s3proxy.properties"))))
                .isEqualTo("rw-------");
        String endpoint = s3.getProperty("s3proxy.endpoint");
        for (String path : new String[] {"/eddy", "/"}) {
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(endpoint + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as("GET %s without keys", path).isEqualTo(403);
        }
        // A checkpoint object without keys: asked while it still exists (a 404 would only say Flink deleted it).
        int refused = Await.until("an anonymous GET of a checkpoint that still exists afterwards", Duration.ofSeconds(30), () -> {
            Optional<String> key = current.get();
            if (key.isEmpty()) {
                return -1;
            }
            int status = PackagedEddy.call(() -> http.send(HttpRequest.newBuilder(URI.create(endpoint + "/eddy/" + key.get()))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            return Files.exists(bucket.resolve(key.get())) ? status : -1;
        }, status -> status != -1);
        assertThat(refused).as("GET of a checkpoint's _metadata without keys").isEqualTo(403);
        assertThat(Files.readString(eddy.log())).doesNotContain(s3.getProperty("s3proxy.credential"));
    }

    /** The Cluster page, as the admin sees it: the plan and both processes, the TaskManager started again once. */
    private void clusterPageShows(String taskManagerState) throws Exception {
        ChromeDriver browser = BrowserSupport.open();
        try {
            BrowserSupport.signIn(browser, eddy.base(), "admin", eddy.adminPassword());
            browser.get(eddy.base() + "/cluster");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            String plan = wait.until(d -> d.findElement(By.cssSelector(".eddy-plan"))).getText();
            assertThat(plan).startsWith("Plan: Single node — a JobManager and a TaskManager run as processes of their own.");
            assertThat(browser.findElement(By.cssSelector(".eddy-state-storage")).getText())
                    .startsWith("Checkpoints and savepoints: s3://eddy (checkpoints/ and savepoints/) in Eddy's own S3 API server");
            wait.until(d -> gridText(browser).contains("TaskManager"));
            String rows = gridText(browser);
            assertThat(rows).contains("JobManager|Running (pid")
                    .containsPattern("TaskManager\\|" + java.util.regex.Pattern.quote(taskManagerState) + "\\|[^|]+ ago\\|1");
            // The admin reads the JobManager's log on the same page.
            wait.until(d -> d.findElement(By.cssSelector(".eddy-log-status")).getText().contains("of JobManager · flink.log"));
            assertThat(browser.findElement(By.cssSelector(".eddy-log-text")).getText()).contains("INFO");
            BrowserSupport.screenshot(browser, "cluster-single-node");
            browser.executeScript("document.querySelector('.eddy-cluster-logs').scrollIntoView()");
            BrowserSupport.screenshot(browser, "cluster-single-node-logs");
        } finally {
            browser.quit();
        }
    }

    /**
     * The processes' lines reach OpenSearch as records naming their process and job: the restarted
     * TaskManager's about the job's tasks, and the JobManager's, with the Eddy job's name.
     */
    private void logsAreShippedToOpenSearch(OpenSearchNode openSearch, String flinkJob) throws Exception {
        String ofJob = "{\"size\":100,\"query\":{\"bool\":{\"filter\":[{\"term\":{\"flink_job_id.keyword\":\"" + flinkJob
                + "\"}},{\"term\":{\"process.keyword\":\"%s\"}}]}}}";
        JsonNode taskManager = Await.until("the TaskManager's lines about the job in OpenSearch", Duration.ofSeconds(60),
                () -> openSearch.search("single-node-*", String.format(ofJob, "TaskManager node-1")), hits -> hits.size() > 0);
        assertThat(taskManager.get(0).path("level").asText()).isIn("INFO", "WARN", "ERROR");
        assertThat(taskManager.findValuesAsText("logger")).as("abbreviated as the files have it").anyMatch(l -> l.contains(".flink.") || l.startsWith("o.a.f."));
        JsonNode jobManager = Await.until("the JobManager's lines naming the Eddy job", Duration.ofSeconds(60),
                () -> openSearch.search("single-node-*", String.format(ofJob, "JobManager")),
                hits -> hits.findValuesAsText("job").contains("single node"));
        assertThat(jobManager.findValuesAsText("message")).allMatch(m -> !m.isBlank());
        JsonNode status = eddy.send("GET", "/api/v1/integrations/cluster-logs/log-shipping", null, 200);
        assertThat(status.path("shipped").asLong()).isPositive();
        assertThat(status.path("problem").isNull()).as(status.toString()).isTrue();
        System.out.printf("Logs shipped to OpenSearch: %d records (%d waiting, %d dropped)%n", status.path("shipped").asLong(),
                status.path("waiting").asLong(), status.path("dropped").asLong());
    }

    /** Each process's Flink log through Eddy's API: listed, its end filtered, and whole as a download. */
    private void logsOfEveryProcessAreReadable(long job) throws Exception {
        // The job's own lines, from its processes' log files: its tasks' (the TaskManager) and its JobMaster's.
        JsonNode lines = eddy.send("GET", "/api/v1/jobs/" + job + "/logs?lines=100", null, 200);
        assertThat(lines.size()).as(lines.toString()).isPositive();
        assertThat(lines.findValuesAsText("process")).contains("TaskManager node-1").allMatch(p -> p.equals("JobManager")
                || p.equals("TaskManager node-1"));
        lines.forEach(l -> assertThat(l.path("at").isNull()).as(l.toString()).isFalse());
        JsonNode sources = eddy.send("GET", "/api/v1/cluster/logs", null, 200);
        assertThat(sources.findValuesAsText("processName")).contains("JobManager", "TaskManager node-1");
        assertThat(sources.findValuesAsText("file")).contains("flink.log", "console.out");
        JsonNode tail = eddy.send("GET", "/api/v1/cluster/logs/jobmanager/flink.log?lines=5&contains=registering%20taskmanager",
                null, 200);
        assertThat(tail.path("lines").size()).isBetween(1, 5);
        tail.path("lines").forEach(l -> assertThat(l.asText()).containsIgnoringCase("Registering TaskManager"));
        JsonNode taskManager = eddy.send("GET", "/api/v1/cluster/logs/taskmanager:node-1/flink.log?lines=3", null, 200);
        assertThat(taskManager.path("lines").size()).isEqualTo(3);
        assertThat(taskManager.path("cut").asBoolean()).isTrue();
        HttpResponse<String> whole = http.send(HttpRequest.newBuilder(URI.create(eddy.base()
                + "/api/v1/cluster/logs/jobmanager/flink.log/download")).header("Authorization", "Bearer " + eddy.token())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).contains("StandaloneSessionClusterEntrypoint");
        JsonNode refused = eddy.send("GET", "/api/v1/cluster/logs/jobmanager/..%2Fconf%2Fconfig.yaml", null, 400, 404);
        assertThat(refused.toString()).doesNotContain("rest.port");
    }

    private static String gridText(ChromeDriver browser) {
        return ClusterProcessesSupport.nodesGridText(browser);
    }

    private static Optional<Long> pid(Path nodes, String process) {
        return ClusterProcessesSupport.pid(nodes.resolve(process));
    }

    private static int restPort(Path nodes) throws IOException {
        return Files.readAllLines(nodes.resolve("conf/config.yaml")).stream().filter(l -> l.startsWith("rest.port: "))
                .map(l -> Integer.parseInt(l.substring("rest.port: ".length()).replace("'", "").strip()))
                .findFirst().orElseThrow();
    }

    private boolean allTasksRunning(String rest, String job) {
        return ClusterProcessesSupport.allTasksRunning(get(rest + "/jobs/" + job));
    }

    private boolean restarted(String rest, String job) {
        return get(rest + "/jobs/" + job + "/exceptions").path("exceptionHistory").path("entries").size() > 0;
    }

    private int taskManagerCount(String rest) {
        return get(rest + "/overview").path("taskmanagers").asInt();
    }

    private JsonNode get(String url) {
        return PackagedEddy.call(() -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        });
    }
}
