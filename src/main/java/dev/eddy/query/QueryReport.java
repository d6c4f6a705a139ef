package dev.eddy.query;

import java.time.Duration;
import java.util.Optional;

/**
 * What became of a statement.
 *
 * @param changes     result rows (changes) received
 * @param timeLimited true when the query was stopped by {@code eddy.query.time-limit}
 * @param query       true for a result with rows to show (SELECT, SHOW ...), false for DDL, SET, INSERT
 * @param yieldedTo   the deployed job the query was stopped for, to give it its task slot
 */
public record QueryReport(Outcome outcome, long changes, Duration duration, Optional<String> jobId,
        boolean timeLimited, boolean query, Optional<String> yieldedTo) {

    public QueryReport(Outcome outcome, long changes, Duration duration, Optional<String> jobId, boolean timeLimited,
            boolean query) {
        this(outcome, changes, duration, jobId, timeLimited, query, Optional.empty());
    }
}
