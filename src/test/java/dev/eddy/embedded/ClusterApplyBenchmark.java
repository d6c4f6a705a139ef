package dev.eddy.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.support.Await;
import dev.eddy.support.PackagedEddy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The time to apply a setting that restarts the cluster (task slots) with N running jobs on the
 * single-node plan: every job stopped with a savepoint, the cluster restarted, every job back from
 * its savepoint. Prints figures for N = 1, 3 and 5 (target: 30 s + 5 s per job). Run with
 * {@code mvn -Pbenchmark verify -Dit.test=ClusterApplyBenchmark}.
 */
class ClusterApplyBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void applyingTaskSlotsWithRunningJobs() throws Exception {
        PackagedEddy eddy = new PackagedEddy(Path.of("target/bench-apply/" + UUID.randomUUID()),
                "--eddy.cluster.plan=single-node", "--eddy.cluster.jobmanager-memory=768m",
                "--eddy.embedded.flink.task-slots=8");
        Path nodes = eddy.dataDir().resolve("flink/nodes");
        try {
            eddy.start();
            eddy.statement("CREATE TABLE bench_apply_sink (order_id BIGINT) WITH ('connector' = 'blackhole')");
            List<Long> jobs = new ArrayList<>();
            int slots = 8;
            for (int wanted : new int[] {1, 3, 5}) {
                while (jobs.size() < wanted) {
                    jobs.add(eddy.send("POST", "/api/v1/jobs", Map.of("name", "bench apply " + jobs.size(), "statement",
                            "INSERT INTO bench_apply_sink SELECT order_id FROM orders",
                            "settings", Map.of("execution.checkpointing.interval", "2 s")), 201, 200).path("id").asLong());
                }
                for (long id : jobs) {
                    Await.until("job " + id + " to run", Duration.ofSeconds(120),
                            () -> PackagedEddy.call(() -> eddy.send("GET", "/api/v1/jobs/" + id, null, 200)).path("state").asText(),
                            "RUNNING"::equals);
                }
                Map<String, String> options = new TreeMap<>(JSON.convertValue(
                        eddy.send("GET", "/api/v1/cluster/settings/current", null, 200).path("options"),
                        new TypeReference<Map<String, String>>() {}));
                slots = slots == 8 ? 7 : 8;
                options.put("taskmanager.numberOfTaskSlots", String.valueOf(slots));
                long t0 = System.nanoTime();
                JsonNode version = eddy.send("PUT", "/api/v1/cluster/settings", Map.of("options", options), 200);
                double applied = (System.nanoTime() - t0) / 1e9;
                assertThat(version.path("outcome").asText()).as(version.toString()).isEqualTo("APPLIED");
                for (long id : jobs) {
                    Await.until("job " + id + " to run again", Duration.ofSeconds(120),
                            () -> PackagedEddy.call(() -> eddy.send("GET", "/api/v1/jobs/" + id, null, 200)).path("state").asText(),
                            "RUNNING"::equals);
                }
                System.out.printf("Task slots changed with %d running job(s): applied in %.1f s (target %d s); %s%n", wanted,
                        applied, 30 + 5 * wanted, version.path("message").asText());
            }
        } finally {
            eddy.kill();
            try (var dirs = Files.list(nodes)) {
                dirs.forEach(d -> ClusterProcessesSupport.pid(d).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly));
            }
        }
    }
}
