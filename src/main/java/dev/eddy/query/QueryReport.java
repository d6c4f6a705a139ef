package dev.eddy.query;

import java.time.Duration;
import java.util.Optional;

/**
 * What became of a statement.
 *
 * @param changes     result rows (changes) received
 * @param timeLimited true when the query was stopped by {@code eddy.query.time-limit}
 * @param query       true for a result with rows to show (SELECT, SHOW ...), false for DDL, SET, INSERT
 */
public record QueryReport(Outcome outcome, long changes, Duration duration, Optional<String> jobId,
        boolean timeLimited, boolean query) {}
