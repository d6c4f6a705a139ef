package dev.eddy.query;

import java.time.Duration;
import java.util.Optional;

/**
 * What became of a statement.
 *
 * @param capped true when a streaming result stopped at the row cap
 * @param query  true for a result with rows to show (SELECT, SHOW ...), false for DDL, SET, INSERT
 */
public record QueryReport(Outcome outcome, long rows, Duration duration, Optional<String> jobId, boolean capped,
        boolean query) {}
