package dev.eddy.job;

import java.time.Duration;
import java.time.Instant;

/**
 * A running job's live figures, as Flink reports them. {@code sourceLag}: records its sources have
 * yet to read (Flink's {@code pendingRecords}, the Kafka consumer lag), null when no source says.
 */
public record JobMetrics(Duration uptime, long restarts, double recordsInPerSecond, double recordsOutPerSecond,
        Instant lastCheckpoint, Long lastCheckpointBytes, long failedCheckpoints, Long sourceLag) {
    public static final JobMetrics NONE = new JobMetrics(Duration.ZERO, 0, 0, 0, null, null, 0, null);
}
