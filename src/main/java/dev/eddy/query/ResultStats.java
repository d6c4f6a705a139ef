package dev.eddy.query;

import java.time.Duration;

/**
 * A running result in figures.
 *
 * @param ratePerSecond changes received in the last full second
 */
public record ResultStats(
        long changes, long inserts, long updatesBefore, long updatesAfter, long deletes,
        int tableRows, long droppedRows, int changelogEntries, long droppedChanges,
        long ratePerSecond, Duration elapsed, int tableCap, int changelogCap) {}
