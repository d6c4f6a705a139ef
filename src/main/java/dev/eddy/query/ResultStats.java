package dev.eddy.query;

import java.time.Duration;

/**
 * A running result in figures.
 *
 * @param ratePerSecond changes received in the last full second
 * @param bytesCapped   true once rows or changes were dropped to keep the result within its bytes
 */
public record ResultStats(
        long changes, long inserts, long updatesBefore, long updatesAfter, long deletes,
        int tableRows, long droppedRows, int changelogEntries, long droppedChanges,
        long ratePerSecond, Duration elapsed, int tableCap, int changelogCap, boolean bytesCapped) {

    public ResultStats(long changes, long inserts, long updatesBefore, long updatesAfter, long deletes, int tableRows,
            long droppedRows, int changelogEntries, long droppedChanges, long ratePerSecond, Duration elapsed,
            int tableCap, int changelogCap) {
        this(changes, inserts, updatesBefore, updatesAfter, deletes, tableRows, droppedRows, changelogEntries,
                droppedChanges, ratePerSecond, elapsed, tableCap, changelogCap, false);
    }
}
