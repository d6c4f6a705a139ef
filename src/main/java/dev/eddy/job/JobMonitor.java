package dev.eddy.job;

import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.cluster.ClusterException;
import dev.eddy.cluster.ClusterSnapshot;
import dev.eddy.cluster.FailureCause;
import dev.eddy.cluster.JobManagerClient;
import dev.eddy.cluster.JobSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/** What Flink says about a job's run right now: figures, graph, checkpoints and failures. */
@Service
public class JobMonitor {
    private final JobManagerClient flink;
    private final JobService jobs;

    private final ClusterSnapshot cluster;
    /** Each run's figures read once a tick, however many pages show them. */
    private final dev.eddy.cluster.TickCache<String, JobMetrics> figures =
            new dev.eddy.cluster.TickCache<>(Duration.ofSeconds(2), this::read);

    JobMonitor(JobManagerClient flink, JobService jobs, ClusterSnapshot cluster) {
        this.flink = flink;
        this.jobs = jobs;
        this.cluster = cluster;
    }

    /** Live figures of the job's current run; {@link JobMetrics#NONE} when it does not run. */
    @Requires(Role.VIEWER)
    public JobMetrics metrics(Job job) {
        if (job.flinkJobId() == null || !job.isActive()) {
            return JobMetrics.NONE;
        }
        return figures.get(job.flinkJobId());
    }

    /** The run's figures as last read (at most a tick old), for Eddy's own gauges: no user is acting then. */
    JobMetrics figuresOf(String flinkJobId) {
        return figures.get(flinkJobId);
    }

    private JobMetrics read(String flinkJobId) {
        try {
            JsonNode details = flink.details(flinkJobId);
            List<JobVertex> graph = vertices(details);
            Set<String> consumed = new HashSet<>();
            graph.forEach(v -> consumed.addAll(v.inputs()));
            double in = 0;
            double out = 0;
            Long lag = null;
            Double busy = null;
            Double pressured = null;
            for (JobVertex v : graph) {
                Map<String, String> time = flink.vertexMetricsMax(flinkJobId, v.id(), "busyTimeMsPerSecond",
                        "backPressuredTimeMsPerSecond");
                busy = max(busy, percentOfSecond(time.get("busyTimeMsPerSecond")));
                pressured = max(pressured, percentOfSecond(time.get("backPressuredTimeMsPerSecond")));
                boolean source = v.inputs().isEmpty();
                boolean sink = !consumed.contains(v.id());
                if (source) {
                    Long pending = pendingRecords(flinkJobId, v.id());
                    if (pending != null) {
                        lag = (lag == null ? 0L : lag) + pending;
                    }
                }
                if (source || sink) {
                    Map<String, String> m = flink.vertexMetrics(flinkJobId, v.id(), "numRecordsInPerSecond",
                            "numRecordsOutPerSecond");
                    if (source) {
                        in += Math.max(number(m.get("numRecordsInPerSecond")), number(m.get("numRecordsOutPerSecond")));
                    }
                    if (sink) {
                        out += number(m.get("numRecordsOutPerSecond")) > 0 ? number(m.get("numRecordsOutPerSecond"))
                                : number(m.get("numRecordsInPerSecond"));
                    }
                }
            }
            long restarts = (long) number(flink.jobMetrics(flinkJobId, "numRestarts").get("numRestarts"));
            JsonNode checkpoints = flink.checkpoints(flinkJobId);
            JsonNode latest = checkpoints.path("latest").path("completed");
            Instant last = latest.hasNonNull("latest_ack_timestamp")
                    ? Instant.ofEpochMilli(latest.get("latest_ack_timestamp").asLong()) : null;
            Long size = latest.hasNonNull("checkpointed_size") ? latest.get("checkpointed_size").asLong() : null;
            Long took = latest.hasNonNull("end_to_end_duration") ? latest.get("end_to_end_duration").asLong() : null;
            return new JobMetrics(Duration.ofMillis(Math.max(0, details.path("duration").asLong())), restarts, in, out,
                    last, size, checkpoints.path("counts").path("failed").asLong(), lag, busy, pressured, took);
        } catch (ClusterException e) {
            return JobMetrics.NONE;
        }
    }

    /**
     * Records a source vertex has yet to read, summed over its subtasks: the {@code pendingRecords} gauge
     * FLIP-33 sources report (the Kafka source: its consumer lag); null when the source reports none.
     */
    private Long pendingRecords(String flinkJobId, String vertexId) {
        List<String> names = flink.vertexMetricNames(flinkJobId, vertexId).stream()
                .filter(n -> n.equals("pendingRecords") || n.endsWith(".pendingRecords")).toList();
        if (names.isEmpty()) {
            return null;
        }
        Map<String, String> values = flink.vertexMetrics(flinkJobId, vertexId, names.toArray(String[]::new));
        long sum = 0;
        for (String name : names) {
            sum += (long) number(values.get(name));
        }
        return sum;
    }

    /** The job graph of the run: vertices with parallelism, records and back pressure. */
    @Requires(Role.VIEWER)
    public List<JobVertex> graph(Job job) {
        if (job.flinkJobId() == null) {
            return List.of();
        }
        try {
            List<JobVertex> plain = vertices(flink.details(job.flinkJobId()));
            if (!job.isActive()) {
                return plain;
            }
            List<JobVertex> withPressure = new ArrayList<>();
            for (JobVertex v : plain) {
                String pressure = "";
                try {
                    pressure = flink.backPressure(job.flinkJobId(), v.id());
                } catch (ClusterException e) {
                    // Sampling can be refused while the task starts; the rest of the graph still shows.
                }
                withPressure.add(new JobVertex(v.id(), v.name(), v.parallelism(), v.status(), v.recordsIn(),
                        v.recordsOut(), pressure, v.inputs()));
            }
            return withPressure;
        } catch (ClusterException e) {
            return List.of();
        }
    }

    /** Recent checkpoints and savepoints of the run, newest first. */
    @Requires(Role.VIEWER)
    public List<CheckpointStat> checkpoints(Job job) {
        if (job.flinkJobId() == null) {
            return List.of();
        }
        try {
            List<CheckpointStat> stats = new ArrayList<>();
            for (JsonNode c : flink.checkpoints(job.flinkJobId()).path("history")) {
                stats.add(new CheckpointStat(c.path("id").asLong(), c.path("status").asText(),
                        c.path("is_savepoint").asBoolean(), Instant.ofEpochMilli(c.path("trigger_timestamp").asLong()),
                        Duration.ofMillis(Math.max(0, c.path("end_to_end_duration").asLong())),
                        c.path("checkpointed_size").asLong(c.path("state_size").asLong()),
                        c.path("external_path").asText("")));
            }
            return stats;
        } catch (ClusterException e) {
            return List.of();
        }
    }

    /** The run's failures, newest first, root cause first. */
    @Requires(Role.VIEWER)
    public List<JobFailure> failures(Job job) {
        if (job.flinkJobId() == null) {
            return List.of();
        }
        try {
            List<JobFailure> failures = new ArrayList<>();
            for (JsonNode e : flink.exceptions(job.flinkJobId()).path("exceptionHistory").path("entries")) {
                String trace = e.path("stacktrace").asText();
                failures.add(new JobFailure(Instant.ofEpochMilli(e.path("timestamp").asLong()),
                        e.path("taskName").asText(""), FailureCause.summarize(trace), trace));
            }
            return failures;
        } catch (ClusterException e) {
            return List.of();
        }
    }

    /** Jobs on the cluster Eddy did not deploy: editor queries, SQL Client, other tools. */
    @Requires(Role.VIEWER)
    public List<JobSummary> unmanaged() {
        ClusterSnapshot.Snapshot now = cluster.latest();
        java.util.Set<String> managed = jobs.managedAmong(now.jobs().keySet());
        return now.jobs().values().stream().filter(j -> !managed.contains(j.id())).toList();
    }

    /** Cancels a job Eddy does not manage (a forgotten editor query, a job from another tool). */
    @Requires(value = Role.ADMIN, action = "Cancelling jobs Eddy did not deploy")
    public void cancelUnmanaged(String flinkJobId) {
        if (jobs.isManaged(flinkJobId)) {
            throw new JobException("Flink job " + flinkJobId + " belongs to a job Eddy manages: cancel it from that job.");
        }
        flink.cancel(flinkJobId);
    }

    /** Where Flink's own web UI shows the run. */
    @Requires(Role.VIEWER)
    public String flinkUiUrl(Job job) {
        // Through Eddy (behind its sign-in), relative to the console: the JobManager itself stays on loopback.
        return "flink/#/job/" + (job.isActive() ? "running" : "completed") + "/" + job.flinkJobId() + "/overview";
    }

    private static List<JobVertex> vertices(JsonNode details) {
        Map<String, List<String>> inputs = new java.util.HashMap<>();
        for (JsonNode node : details.path("plan").path("nodes")) {
            List<String> in = new ArrayList<>();
            node.path("inputs").forEach(i -> in.add(i.path("id").asText()));
            inputs.put(node.path("id").asText(), in);
        }
        List<JobVertex> vertices = new ArrayList<>();
        for (JsonNode v : details.path("vertices")) {
            String id = v.path("id").asText();
            vertices.add(new JobVertex(id, v.path("name").asText(), v.path("parallelism").asInt(), v.path("status").asText(),
                    v.path("metrics").path("read-records").asLong(), v.path("metrics").path("write-records").asLong(), "",
                    inputs.getOrDefault(id, List.of())));
        }
        return vertices;
    }

    /** Milliseconds per second as a percentage; null for a figure not (yet) reported, or NaN (an idle source's). */
    private static Double percentOfSecond(String value) {
        if (value == null) {
            return null;
        }
        try {
            double ms = Double.parseDouble(value);
            return Double.isFinite(ms) ? Math.min(100, Math.max(0, ms / 10)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double max(Double a, Double b) {
        return a == null ? b : b == null ? a : Double.valueOf(Math.max(a, b));
    }

    private static double number(String value) {
        try {
            return value == null ? 0 : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
