package dev.eddy.job;

import java.time.Duration;
import java.time.Instant;

/** A running job's live figures, as Flink reports them. */
public record JobMetrics(Duration uptime, long restarts, double recordsInPerSecond, double recordsOutPerSecond,
        Instant lastCheckpoint, Long lastCheckpointBytes, long failedCheckpoints) {
    public static final JobMetrics NONE = new JobMetrics(Duration.ZERO, 0, 0, 0, null, null, 0);
}
