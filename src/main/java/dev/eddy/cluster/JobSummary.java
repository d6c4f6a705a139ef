package dev.eddy.cluster;

import java.time.Duration;
import java.time.Instant;

/** One job as the JobManager lists it. */
public record JobSummary(String id, String name, String state, Instant started, Instant ended, Duration duration) {
    public boolean isRunning() {
        return "RUNNING".equals(state) || "CREATED".equals(state) || "RESTARTING".equals(state)
                || "INITIALIZING".equals(state);
    }
}
