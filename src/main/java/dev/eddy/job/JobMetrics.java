package dev.eddy.job;

import java.time.Duration;
import java.time.Instant;

/**
 * A running job's live figures, as Flink reports them. {@code sourceLag}: records its sources have
 * yet to read (Flink's {@code pendingRecords}, the Kafka consumer lag), null when no source says.
 * {@code busyPercent} and {@code backPressuredPercent}: of its busiest and its most back-pressured
 * subtask, the share of each second spent working, and waiting for the next task to take its
 * output (Flink's {@code busyTimeMsPerSecond} and {@code backPressuredTimeMsPerSecond}); null when
 * no task reports them yet. {@code lastCheckpointMillis}: how long its last completed checkpoint took
 * from trigger to the last acknowledgement.
 */
public record JobMetrics(Duration uptime, long restarts, double recordsInPerSecond, double recordsOutPerSecond,
        Instant lastCheckpoint, Long lastCheckpointBytes, long failedCheckpoints, Long sourceLag, Double busyPercent,
        Double backPressuredPercent, Long lastCheckpointMillis) {
    public static final JobMetrics NONE = new JobMetrics(Duration.ZERO, 0, 0, 0, null, null, 0, null, null, null, null);

    /** A stopped job's figures: nothing runs, only how far behind its sources it has fallen. */
    static JobMetrics stoppedBehind(long lag) {
        return new JobMetrics(Duration.ZERO, 0, 0, 0, null, null, 0, lag, null, null, null);
    }
}
