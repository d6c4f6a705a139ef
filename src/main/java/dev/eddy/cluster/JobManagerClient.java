package dev.eddy.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private final String baseUrl;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout = Duration.ofSeconds(10);

    public JobManagerClient(String baseUrl, ObjectMapper json) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String baseUrl() {
        return baseUrl;
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
                    Duration.ofMillis(Math.max(0, j.path("duration").asLong(0)))));
        }
        return jobs;
    }

    public JobSummary job(String jobId) {
        return jobs().stream().filter(j -> j.id().equals(jobId)).findFirst().orElseThrow(() ->
                new ClusterException("Job " + jobId + " is not known to the cluster at " + baseUrl));
    }

    /** Cancels a job without a savepoint. */
    public void cancel(String jobId) {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/jobs/" + jobId + "?mode=cancel"))
                .timeout(timeout).method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout).GET().build());
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw new ClusterException("The Flink JobManager at " + baseUrl + " answered HTTP "
                        + response.statusCode() + " to " + request.uri().getPath() + ": " + response.body());
            }
            String body = response.body();
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            throw new ClusterException("Cannot reach the Flink JobManager at " + baseUrl + " (" + e.getMessage()
                    + "). Check that the cluster runs and eddy.flink.jobmanager-url points at its REST API.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("Interrupted while asking the Flink JobManager", e);
        }
    }
}
