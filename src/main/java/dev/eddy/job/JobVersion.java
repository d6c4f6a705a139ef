package dev.eddy.job;

import java.time.Instant;
import java.util.List;

/** One version of a job: its statement, its settings, and what EXPLAIN said it reads and writes. */
public record JobVersion(long job, int version, String statement, JobSettings settings, String plan,
        List<String> reads, List<String> writes, Instant createdAt) {}
