package dev.eddy.cluster;

import dev.eddy.security.Access;
import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Flink's own web UI (and the REST reads it makes) served behind Eddy's sign-in, so it works from any
 * machine that reaches Eddy while the JobManager stays on loopback. Read-only: every change to a job
 * goes through Eddy, which records it; the cluster's configuration and logs are for admins, as in Eddy.
 */
@Service
public class FlinkWebUi {
    private static final Pattern PATH = Pattern.compile("^/[A-Za-z0-9._~%:@!$,;=+-]*(/[A-Za-z0-9._~%:@!$,;=+-]*){0,12}$");
    private static final Pattern QUERY = Pattern.compile("^[A-Za-z0-9_=&%.,:+-]{0,500}$");
    private static final Pattern ADMIN_ONLY = Pattern.compile(
            "^/(jobmanager/(config|logs?|stdout|thread-dump|profiler).*|taskmanagers/[^/]+/(logs?|stdout|thread-dump|profiler).*"
                    + "|jobs/[^/]+/jobmanager/(config|environment|log-url).*)$");
    private final JobManagerClient jobManager;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FlinkWebUi(JobManagerClient jobManager) {
        this.jobManager = jobManager;
    }

    /** What the JobManager answered (or Eddy, refusing): status, content type, and the body to stream. */
    public record Answer(int status, String contentType, InputStream body) {
        static Answer words(int status, String message) {
            String json = "{\"errors\":[\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]}";
            return new Answer(status, "application/json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** One GET of Flink's web UI: {@code path} after Eddy's {@code /flink} prefix, such as {@code /overview}. */
    @Requires(value = Role.VIEWER, action = "Reading Flink's web UI", audited = false)
    public Answer get(String path, String query) {
        if (path == null || !PATH.matcher(path).matches() || path.contains("..") || path.contains("%2") || path.contains("%5")
                || (query != null && !QUERY.matcher(query).matches())) {
            return Answer.words(404, "Eddy serves Flink's web UI and its reads under /flink/; " + path + " is not one of them.");
        }
        if (ADMIN_ONLY.matcher(path).matches() && !Access.allows(Role.ADMIN)) {
            return Answer.words(403, "The cluster's configuration, logs and thread dumps are for admins, in Flink's UI as in Eddy's.");
        }
        URI target = URI.create(jobManager.baseUrl() + path + (query == null ? "" : "?" + query));
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            String type = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
            return new Answer(response.statusCode(), type, response.body());
        } catch (IOException e) {
            return Answer.words(503, "Flink's JobManager does not answer (" + e.getClass().getSimpleName()
                    + "): the Cluster page says what Eddy knows of it.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.words(503, "Interrupted while asking Flink's JobManager");
        }
    }
}
