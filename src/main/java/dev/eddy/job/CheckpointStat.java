package dev.eddy.job;

import java.time.Duration;
import java.time.Instant;

/** One checkpoint (or savepoint) attempt of a run. */
public record CheckpointStat(long id, String status, boolean savepoint, Instant triggered, Duration duration,
        long sizeBytes, String path) {}
