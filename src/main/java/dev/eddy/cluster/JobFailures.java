package dev.eddy.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Reads why a Flink job failed, the way a person would want it told: the first failure that is a
 * cause rather than a consequence, root cause first. When the exception history only says a
 * TaskManager was closed, the task failure it logged before closing is the cause.
 */
@Component
public class JobFailures {
    private static final String FREE_A_SLOT = "Stop a query in another script tab, cancel a job you no longer need "
            + "(Jobs page, Other jobs on the cluster), or give the cluster more task slots.";

    private final JobManagerClient flink;
    private final TaskFailureLog taskFailures;
    private final ClusterSnapshot cluster;

    private final dev.eddy.gateway.UserFunctions userFunctions;

    public JobFailures(JobManagerClient flink, TaskFailureLog taskFailures, ClusterSnapshot cluster,
            org.springframework.beans.factory.ObjectProvider<dev.eddy.gateway.UserFunctions> userFunctions) {
        this.userFunctions = userFunctions.getIfAvailable(() -> dev.eddy.gateway.UserFunctions.NONE);
        this.flink = flink;
        this.taskFailures = taskFailures;
        this.cluster = cluster;
    }

    /** The job's state, restarts and latest failure; throws {@link ClusterException} when the job is unknown. */
    public JobHealth health(String flinkJobId) {
        JsonNode job = flink.details(flinkJobId);
        String state = job.path("state").asText("");
        JsonNode entries = history(flinkJobId);
        // The numRestarts metric reaches the REST API only every few seconds: the exception history
        // (one entry a failure, each followed by a restart unless the job failed for good) is current.
        long restarts = Math.max(restarts(flinkJobId), entries.size() - ("FAILED".equals(state) ? 1 : 0));
        Optional<Failure> failure = Optional.empty();
        if (entries.size() > 0 || "FAILED".equals(state) || "FAILING".equals(state) || "RESTARTING".equals(state)) {
            long started = job.path("start-time").asLong(0);
            failure = latest(flinkJobId, entries, started > 0 ? Instant.ofEpochMilli(started) : Instant.EPOCH);
        }
        Optional<String> words = failure.map(f -> lacksSlots(f.trace()) ? noFreeSlot(flinkJobId) : naming(f));
        Optional<String> waiting = waitsForSlots(job) ? slotsHeld(flinkJobId) : Optional.empty();
        return new JobHealth(state, restarts, words, failure.map(Failure::trace), waiting);
    }

    /** The failure's words, naming the user function it was thrown inside, with its library version. */
    private String naming(Failure f) {
        if (!f.trace().contains("at ")) {
            return f.words();
        }
        try {
            return dev.eddy.gateway.UserFunctions.thrownIn(userFunctions.describe(), f.trace())
                    .map(fn -> "The function " + fn.naming() + " failed: " + f.words()).orElse(f.words());
        } catch (RuntimeException storeAway) {
            return f.words();
        }
    }

    /**
     * A running job with tasks not yet deployed (CREATED until slots are allocated, then SCHEDULED):
     * with no slot free in the cluster it waits for one, which Flink only reports as a failure when
     * its slot request times out (about 15 s on the embedded cluster).
     */
    static boolean waitsForSlots(JsonNode job) {
        String state = job.path("state").asText("");
        JsonNode tasks = job.path("status-counts");
        return ("RUNNING".equals(state) || "CREATED".equals(state))
                && tasks.path("CREATED").asLong(0) + tasks.path("SCHEDULED").asLong(0) > 0;
    }

    /** "Waiting for a free task slot: …" when the cluster has none free now; empty when one is (it is being taken). */
    private Optional<String> slotsHeld(String flinkJobId) {
        ClusterSnapshot.Snapshot now = cluster.latest();
        if (!now.answered() || now.overview().slotsAvailable() > 0) {
            return Optional.empty();
        }
        return Optional.of("Waiting for a free task slot" + holders(flinkJobId) + ". " + FREE_A_SLOT);
    }

    /** The latest failure of a job in words, if Flink kept one. */
    public Optional<String> latestFailure(String flinkJobId, Instant started) {
        return latest(flinkJobId, history(flinkJobId), started).map(Failure::words);
    }

    private record Failure(String words, String trace) {}

    private JsonNode history(String flinkJobId) {
        try {
            return flink.exceptions(flinkJobId).path("exceptionHistory").path("entries");
        } catch (ClusterException e) {
            // No exception history (the job is gone, or the cluster restarts): nothing to tell.
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private Optional<Failure> latest(String flinkJobId, JsonNode entries, Instant started) {
        Failure consequence = null;
        for (JsonNode entry : entries) {
            String trace = entry.path("stacktrace").asText();
            if (!FailureCause.isConsequence(trace)) {
                return Optional.of(new Failure(FailureCause.summarize(trace), trace));
            }
            consequence = consequence == null ? new Failure(FailureCause.summarize(trace), trace) : consequence;
        }
        if (consequence == null) {
            return Optional.empty();
        }
        Set<String> vertices = new HashSet<>();
        try {
            flink.details(flinkJobId).path("vertices").forEach(v -> vertices.add(v.path("id").asText()));
        } catch (ClusterException e) {
            // The job is gone meanwhile: the consequence is all there is to tell.
        }
        Failure fallback = consequence;
        return Optional.of(taskFailures.firstFailure(vertices, started)
                .map(f -> new Failure(FailureCause.summarize(f.trace()), f.trace()))
                .orElse(new Failure(fallback.words() + " — a task's clean-up failed and the TaskManager "
                        + "running it was closed; its log holds the cause.", fallback.trace())));
    }

    /** Flink's words for a job that found no free task slot within the slot request timeout. */
    static boolean lacksSlots(String trace) {
        return trace != null && (trace.contains("NoResourceAvailableException")
                || trace.contains("Could not acquire the minimum required resources"));
    }

    /** "Not enough task slots", said with what holds them and what to do. */
    String noFreeSlot(String flinkJobId) {
        return "The cluster has no free task slot for it" + holders(flinkJobId) + ". " + FREE_A_SLOT;
    }

    /** ": all 3 slots are held by 2 running jobs (a, b)", or nothing when the cluster cannot be read. */
    private String holders(String flinkJobId) {
        ClusterSnapshot.Snapshot now = cluster.latest();
        if (!now.answered()) {
            return "";
        }
        java.util.List<String> holders = now.jobs().values().stream()
                .filter(j -> j.isRunning() && !j.id().equals(flinkJobId))
                .map(j -> shortName(j.name())).toList();
        // Four editor tabs running the same query are one line "4 × SELECT …", not four.
        java.util.Map<String, Long> byName = holders.stream().collect(java.util.stream.Collectors.groupingBy(
                n -> n, java.util.LinkedHashMap::new, java.util.stream.Collectors.counting()));
        String named = byName.entrySet().stream().map(e -> (e.getValue() > 1 ? e.getValue() + " × " : "") + e.getKey())
                .collect(java.util.stream.Collectors.joining("; "));
        return ": all " + now.overview().slotsTotal() + " slots are held by " + (holders.isEmpty() ? "jobs that just ended"
                : holders.size() + " running job" + (holders.size() == 1 ? "" : "s") + " (" + named + ")");
    }

    /** A job's name on one line and short: the gateway names a query's job by its whole statement. */
    static String shortName(String name) {
        String line = name.replaceAll("\\s+", " ").strip();
        return line.length() > 60 ? line.substring(0, 59) + "…" : line;
    }

    private long restarts(String flinkJobId) {
        try {
            String value = flink.jobMetrics(flinkJobId, "numRestarts").get("numRestarts");
            return value == null ? 0 : (long) Double.parseDouble(value);
        } catch (ClusterException | NumberFormatException e) {
            return 0;
        }
    }
}
