package dev.eddy.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One version of a job: its statement, its settings, what EXPLAIN said it reads and writes, the
 * version of each of those tables (in Eddy's catalog) it was made against, and the version of each
 * function library whose functions it calls.
 */
public record JobVersion(long job, int version, String statement, JobSettings settings, String plan,
        List<String> reads, List<String> writes, Map<String, Integer> tableVersions,
        Map<String, Integer> libraryVersions, Instant createdAt) {}
