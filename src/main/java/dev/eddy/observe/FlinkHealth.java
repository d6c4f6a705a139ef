package dev.eddy.observe;

import dev.eddy.cluster.ClusterOverview;
import dev.eddy.cluster.ClusterSnapshot;
import dev.eddy.config.Endpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether Eddy reaches Flink ({@code /actuator/health}, component {@code flink}): the JobManager's
 * REST API (from the snapshot Eddy polls every second) and the SQL Gateway, asked with a short timeout.
 */
@Component("flink")
class FlinkHealth implements HealthIndicator {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final ClusterSnapshot cluster;
    private final Endpoints endpoints;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    FlinkHealth(ClusterSnapshot cluster, Endpoints endpoints) {
        this.cluster = cluster;
        this.endpoints = endpoints;
    }

    @Override
    public Health health() {
        ClusterSnapshot.Snapshot snapshot = cluster.latest();
        String gateway = gatewayProblem();
        Health.Builder health = snapshot.answered() && gateway == null ? Health.up() : Health.down();
        ClusterOverview overview = snapshot.overview();
        if (snapshot.answered() && overview != null) {
            health.withDetail("jobManager", "answers (Flink " + overview.flinkVersion() + ", " + overview.taskManagers()
                    + " TaskManagers, " + overview.slotsAvailable() + " of " + overview.slotsTotal() + " task slots free)");
        } else {
            health.withDetail("jobManager", snapshot.problem().orElse("does not answer yet"));
        }
        return health.withDetail("sqlGateway", gateway == null ? "answers" : gateway).build();
    }

    private String gatewayProblem() {
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(endpoints.gatewayUrl() + "/v1/info"))
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200 ? null : "answered HTTP " + answer.statusCode() + " at " + endpoints.gatewayUrl();
        } catch (IOException e) {
            return "does not answer at " + endpoints.gatewayUrl() + " (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not asked: interrupted";
        }
    }
}
