package dev.eddy.ui.sql;

import dev.eddy.query.ResultStats;
import java.util.Locale;

/** The figures of a running or ended result, as one calm line. */
final class StatusLine {
    private StatusLine() {}

    static String describe(String state, ResultStats s) {
        StringBuilder line = new StringBuilder(state);
        line.append(" · ").append(seconds(s.elapsed().toMillis()));
        if ("Running".equals(state) && s.changes() == 0) {
            return line.append(" · waiting for the first row").toString();
        }
        line.append(" · ").append(count(s.changes(), "change"));
        if (s.changes() > 0) {
            line.append(" (+I ").append(n(s.inserts()));
            if (s.updatesBefore() + s.updatesAfter() > 0) {
                line.append(", -U ").append(n(s.updatesBefore())).append(", +U ").append(n(s.updatesAfter()));
            }
            if (s.deletes() > 0) {
                line.append(", -D ").append(n(s.deletes()));
            }
            line.append(')');
        }
        if ("Running".equals(state)) {
            line.append(" · ").append(count(s.ratePerSecond(), "row")).append("/s");
        }
        line.append(" · table ").append(n(s.tableRows())).append(" of max ").append(n(s.tableCap())).append(" rows");
        return line.toString();
    }

    /** A finished table's line (SHOW, DESCRIBE): how many rows, and how long it took. */
    static String table(String state, ResultStats s) {
        return state + " · " + count(s.tableRows(), "row") + " · " + seconds(s.elapsed().toMillis());
    }

    /** What the caps dropped, or empty when they dropped nothing. */
    static String dropped(ResultStats s) {
        StringBuilder note = new StringBuilder();
        if (s.bytesCapped()) {
            return "Its rows are wide: older rows and changes were dropped to keep this result within its share "
                    + "of memory (eddy.query.max-result-bytes). The table keeps the latest " + n(s.tableRows())
                    + " rows, the changelog the latest " + n(s.changelogEntries()) + " changes.";
        }
        if (s.droppedRows() > 0) {
            note.append("The table keeps the latest ").append(n(s.tableCap())).append(" rows: ")
                    .append(n(s.droppedRows())).append(" older ones were dropped (eddy.query.max-table-rows). ");
        }
        if (s.droppedChanges() > 0) {
            note.append("The changelog keeps the latest ").append(n(s.changelogCap())).append(" changes: ")
                    .append(n(s.droppedChanges())).append(" older ones were dropped (eddy.query.max-changelog-entries).");
        }
        return note.toString().strip();
    }

    static String count(long n, String noun) {
        return n(n) + " " + noun + (n == 1 ? "" : "s");
    }

    static String n(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
