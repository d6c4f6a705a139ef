package dev.eddy.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads and steers a Flink cluster through its JobManager REST API. */
public class JobManagerClient {
    private final java.util.function.Supplier<String> address;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout = Duration.ofSeconds(10);

    public JobManagerClient(String baseUrl, ObjectMapper json) {
        this(() -> baseUrl, json);
    }

    /** Asks {@code address} before every request: the JobManager that leads may change. */
    public JobManagerClient(java.util.function.Supplier<String> address, ObjectMapper json) {
        this(address, json, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    private JobManagerClient(java.util.function.Supplier<String> address, ObjectMapper json, HttpClient http) {
        this.address = address;
        this.json = json;
        this.http = http;
    }

    /** The same client for another JobManager of the cluster (a standby's own logs are on its own REST API). */
    public JobManagerClient at(String otherAddress) {
        return new JobManagerClient(() -> otherAddress, json, http);
    }

    /** The REST address of the JobManager requests go to now. */
    public String baseUrl() {
        String url = address.get();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public ClusterOverview overview() {
        JsonNode n = get("/overview");
        return new ClusterOverview(n.path("flink-version").asText(), n.path("taskmanagers").asInt(),
                n.path("slots-total").asInt(), n.path("slots-available").asInt(), n.path("jobs-running").asInt(),
                n.path("jobs-finished").asInt(), n.path("jobs-cancelled").asInt(), n.path("jobs-failed").asInt());
    }

    public List<JobSummary> jobs() {
        List<JobSummary> jobs = new ArrayList<>();
        for (JsonNode j : get("/jobs/overview").path("jobs")) {
            long start = j.path("start-time").asLong(0);
            long end = j.path("end-time").asLong(-1);
            jobs.add(new JobSummary(j.path("jid").asText(), j.path("name").asText(), j.path("state").asText(),
                    start > 0 ? Instant.ofEpochMilli(start) : null, end > 0 ? Instant.ofEpochMilli(end) : null,
                    Duration.ofMillis(Math.max(0, j.path("duration").asLong(0))),
                    j.path("tasks").path("created").asInt(0) + j.path("tasks").path("scheduled").asInt(0),
                    j.path("tasks").path("running").asInt(0)));
        }
        return jobs;
    }

    public JobSummary job(String jobId) {
        return jobs().stream().filter(j -> j.id().equals(jobId)).findFirst().orElseThrow(() ->
                new ClusterException("Job " + jobId + " is not known to the cluster at " + baseUrl()));
    }

    /** Cancels a job without a savepoint. */
    public void cancel(String jobId) {
        send(HttpRequest.newBuilder(URI.create(baseUrl() + "/jobs/" + jobId + "?mode=cancel"))
                .timeout(timeout).method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
    }

    /**
     * Stops a job with a savepoint (in the cluster's default savepoint directory when
     * {@code targetDirectory} is null) and returns the savepoint's location once it is written.
     */
    public String stopWithSavepoint(String jobId, String targetDirectory, Duration wait) {
        ObjectNode body = json.createObjectNode().put("drain", false).put("formatType", "CANONICAL");
        if (targetDirectory != null) {
            body.put("targetDirectory", targetDirectory);
        }
        String trigger = post("/jobs/" + jobId + "/stop", body).path("request-id").asText();
        return awaitSavepoint(jobId, trigger, wait);
    }

    /** Takes a savepoint of a running job, which keeps running; returns its location. */
    public String savepoint(String jobId, String targetDirectory, Duration wait) {
        ObjectNode body = json.createObjectNode().put("cancel-job", false).put("formatType", "CANONICAL");
        if (targetDirectory != null) {
            body.put("target-directory", targetDirectory);
        }
        String trigger = post("/jobs/" + jobId + "/savepoints", body).path("request-id").asText();
        return awaitSavepoint(jobId, trigger, wait);
    }

    private String awaitSavepoint(String jobId, String trigger, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode operation = status.path("operation");
                if (operation.hasNonNull("location")) {
                    return operation.get("location").asText();
                }
                String trace = operation.path("failure-cause").path("stack-trace").asText(
                        operation.path("failure-cause").toString());
                if (trace.contains("is not being executed at the moment") || trace.contains("not all required tasks are currently running")) {
                    throw new ClusterException("The job is still starting (not all its tasks run yet), so Flink cannot "
                            + "take its savepoint now. Nothing was changed: try again in a few seconds, or cancel it.");
                }
                throw new ClusterException("Flink could not take the savepoint: " + FailureCause.summarize(trace));
            }
            sleep(Duration.ofMillis(300));
        }
        throw new ClusterException("The savepoint of job " + jobId + " was not written within " + wait.toSeconds()
                + " s. The job keeps running; try again, or look at the JobManager's log for the reason.");
    }

    /** Asks the cluster to delete a savepoint's files (done in the background). */
    public void disposeSavepoint(String path) {
        post("/savepoint-disposal", json.createObjectNode().put("savepoint-path", path));
    }

    /** The JobManager's effective configuration, key by key (Flink hides sensitive values as ******). */
    public java.util.Map<String, String> configuration() {
        java.util.Map<String, String> settings = new java.util.TreeMap<>();
        get("/jobmanager/config").forEach(e -> settings.put(e.path("key").asText(), e.path("value").asText()));
        return settings;
    }

    /** The job's details: its vertices with parallelism, state and record counts. */
    public JsonNode details(String jobId) {
        return get("/jobs/" + jobId);
    }

    /** The checkpoint statistics of a job: counts, latest completed/restored and recent history. */
    public JsonNode checkpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /** The exception history of a job, newest first. */
    public JsonNode exceptions(String jobId) {
        return get("/jobs/" + jobId + "/exceptions?maxExceptions=10");
    }

    /** Job-level metric values by name (numRestarts, …); absent names are left out. */
    public java.util.Map<String, String> jobMetrics(String jobId, String... names) {
        return metrics("/jobs/" + jobId + "/metrics?get=" + String.join(",", names));
    }

    /** A vertex's metrics summed over its subtasks (numRecordsInPerSecond, …). */
    public java.util.Map<String, String> vertexMetrics(String jobId, String vertexId, String... names) {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        for (JsonNode m : get("/jobs/" + jobId + "/vertices/" + vertexId + "/subtasks/metrics?agg=sum&get="
                + String.join(",", names))) {
            values.put(m.path("id").asText(), m.path("sum").asText());
        }
        return values;
    }

    /** The highest of each metric over a vertex's subtasks (its busiest, its most back-pressured subtask). */
    public java.util.Map<String, String> vertexMetricsMax(String jobId, String vertexId, String... names) {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        for (JsonNode m : get("/jobs/" + jobId + "/vertices/" + vertexId + "/subtasks/metrics?agg=max&get="
                + String.join(",", names))) {
            values.put(m.path("id").asText(), m.path("max").asText());
        }
        return values;
    }

    /** The names of the metrics a vertex's subtasks report (operator metrics prefixed with the operator's name). */
    public java.util.List<String> vertexMetricNames(String jobId, String vertexId) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (JsonNode m : get("/jobs/" + jobId + "/vertices/" + vertexId + "/subtasks/metrics")) {
            names.add(m.path("id").asText());
        }
        return names;
    }

    /** How back-pressured a vertex is: ok, low or high (or "" while Flink is still sampling). */
    public String backPressure(String jobId, String vertexId) {
        return get("/jobs/" + jobId + "/vertices/" + vertexId + "/backpressure").path("backpressureLevel").asText("");
    }

    /** Every registered TaskManager with its slots, CPU, memory and heartbeat, in the JobManager's order. */
    public List<TaskManagerStatus> taskManagers() {
        List<TaskManagerStatus> found = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (JsonNode tm : get("/taskmanagers").path("taskmanagers")) {
            String id = tm.path("id").asText();
            java.util.Map<String, String> m = metrics("/taskmanagers/" + java.net.URLEncoder.encode(id,
                    java.nio.charset.StandardCharsets.UTF_8) + "/metrics?get=Status.JVM.Memory.Heap.Used,"
                    + "Status.JVM.Memory.Heap.Max,Status.JVM.CPU.Load");
            long heartbeat = tm.path("timeSinceLastHeartbeat").asLong(now);
            found.add(new TaskManagerStatus(id, tm.path("slotsNumber").asInt(), tm.path("freeSlots").asInt(),
                    tm.path("hardware").path("cpuCores").asInt(-1), number(m.get("Status.JVM.CPU.Load"), -1),
                    (long) number(m.get("Status.JVM.Memory.Heap.Used"), -1),
                    (long) number(m.get("Status.JVM.Memory.Heap.Max"), -1),
                    processMemory(tm),
                    // Flink reports the heartbeat's time, not its age.
                    heartbeat > 1_000_000_000_000L ? Math.max(0, now - heartbeat) : heartbeat));
        }
        return found;
    }

    /**
     * The leading JobManager's heap used and its limit (bytes, -1 when unknown) and its process's CPU
     * load (0 to 1 of the machine, -1 when unknown).
     */
    public JobManagerStatus jobManagerStatus() {
        java.util.Map<String, String> m = metrics("/jobmanager/metrics?get=Status.JVM.Memory.Heap.Used,"
                + "Status.JVM.Memory.Heap.Max,Status.JVM.CPU.Load");
        return new JobManagerStatus((long) number(m.get("Status.JVM.Memory.Heap.Used"), -1),
                (long) number(m.get("Status.JVM.Memory.Heap.Max"), -1), number(m.get("Status.JVM.CPU.Load"), -1));
    }

    /** The TaskManager's process size; unknown for one inside another JVM (a MiniCluster's reports no bound). */
    private static long processMemory(JsonNode tm) {
        long size = tm.path("memoryConfiguration").path("totalProcessMemory").asLong(-1);
        long physical = tm.path("hardware").path("physicalMemory").asLong(Long.MAX_VALUE);
        return size > 0 && size <= physical ? size : -1;
    }

    private static double number(String value, double otherwise) {
        try {
            return value == null ? otherwise : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** The ids of the TaskManagers registered now. */
    public List<String> taskManagerIds() {
        List<String> ids = new ArrayList<>();
        for (JsonNode tm : get("/taskmanagers").path("taskmanagers")) {
            ids.add(tm.path("id").asText());
        }
        return ids;
    }

    /**
     * The log files a process of the cluster keeps ({@code /jobmanager} or {@code /taskmanagers/<id>}):
     * name and size; empty when the process logs nowhere Flink knows (a MiniCluster logs into Eddy's own log).
     */
    public List<LogFile> logFiles(String process) {
        JsonNode logs;
        try {
            logs = get(process + "/logs").path("logs");
        } catch (ClusterException e) {
            if (e.getMessage().contains("HTTP 404")) {
                return List.of();
            }
            throw e;
        }
        List<LogFile> files = new ArrayList<>();
        for (JsonNode f : logs) {
            files.add(new LogFile(f.path("name").asText(), f.path("size").asLong(), f.path("mtime").asLong()));
        }
        return files;
    }

    /** One log file of a cluster process: its name, size in bytes and last change (epoch ms). */
    public record LogFile(String name, long size, long modified) {}

    /** Streams a log file of a process; the caller closes the stream. */
    public java.io.InputStream logFile(String process, String name) {
        String encoded = java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + process + "/logs/" + encoded))
                .timeout(Duration.ofSeconds(60)).GET().build();
        try {
            HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() >= 400) {
                response.body().close();
                throw new ClusterException("The Flink JobManager at " + baseUrl() + " answered HTTP " + response.statusCode()
                        + " for the log " + name + " of " + process);
            }
            return response.body();
        } catch (IOException e) {
            throw new ClusterException("Cannot reach the Flink JobManager at " + baseUrl() + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("Interrupted while reading a log of the Flink cluster", e);
        }
    }

    private java.util.Map<String, String> metrics(String path) {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        for (JsonNode m : get(path)) {
            values.put(m.path("id").asText(), m.path("value").asText());
        }
        return values;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("Interrupted while waiting for the Flink JobManager", e);
        }
    }

    private JsonNode post(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(timeout).GET().build());
    }

    /**
     * What Flink said in an error answer, in its own words but without its stack trace (which must not
     * reach a page): the deepest cause's message of {@code {"errors": [...]}}, at most 300 characters.
     */
    static String said(String body) {
        List<String> errors = new ArrayList<>();
        try {
            new ObjectMapper().readTree(body == null ? "" : body).path("errors").forEach(e -> errors.add(e.asText()));
        } catch (IOException e) {
            return "(an answer that is not Flink's JSON)";
        }
        String said = "";
        for (String error : errors) {
            String text = error.replace("<Exception on server side:", "").replace("End of exception on server side>", "").strip();
            if (!text.isEmpty() && !text.equals("Internal server error.")) {
                said = FailureCause.of(text).root();
                break;
            }
        }
        if (said.isEmpty()) {
            return "no details";
        }
        return said.length() > 300 ? said.substring(0, 300) + "…" : said;
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw new ClusterException("The Flink JobManager at " + baseUrl() + " answered HTTP "
                        + response.statusCode() + " to " + request.uri().getPath() + ": " + said(response.body()));
            }
            String body = response.body();
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            throw new ClusterException("Cannot reach the Flink JobManager at " + baseUrl() + " (" + e.getMessage()
                    + "). Check that the cluster runs and eddy.flink.jobmanager-url points at its REST API.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("Interrupted while asking the Flink JobManager", e);
        }
    }
}
