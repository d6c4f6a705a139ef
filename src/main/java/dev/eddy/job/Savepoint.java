package dev.eddy.job;

import java.time.Instant;

/** A savepoint, or a retained checkpoint, a job can be restarted from. */
public record Savepoint(long id, long job, String flinkJobId, int version, Kind kind, String path, Long sizeBytes,
        String reason, Instant createdAt) {

    /** Savepoints are taken on purpose; checkpoints are kept by Flink and recorded by Eddy as they complete. */
    public enum Kind { SAVEPOINT, CHECKPOINT }
}
