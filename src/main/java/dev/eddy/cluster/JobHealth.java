package dev.eddy.cluster;

import java.util.Optional;

/**
 * How a Flink job is doing right now: its state, how often it restarted, its latest failure in
 * words (root cause first) with Flink's trace, and what it waits for when tasks cannot start yet
 * (no free task slot), told while it waits rather than when Flink gives up.
 */
public record JobHealth(String state, long restarts, Optional<String> failure, Optional<String> trace,
        Optional<String> waiting) {

    public JobHealth(String state, long restarts, Optional<String> failure, Optional<String> trace) {
        this(state, restarts, failure, trace, Optional.empty());
    }

    /** Failed for good, or failing: a restart is coming or it already came. */
    public boolean troubled() {
        return restarts > 0 || "FAILED".equals(state) || "FAILING".equals(state) || "RESTARTING".equals(state);
    }

    /** Ended one way or another: nothing more will change. */
    public boolean ended() {
        return "FAILED".equals(state) || "FINISHED".equals(state) || "CANCELED".equals(state);
    }
}
