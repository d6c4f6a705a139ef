package dev.eddy.job;

import java.time.Instant;

/** One run of a job on Flink: the version, where its state came from, and how it ended. */
public record JobRun(String flinkJobId, long job, int version, String restoredFrom, Instant startedAt,
        Instant endedAt, String endState, String lastCheckpoint, Instant lastCheckpointAt) {}
