package dev.eddy.query;

import dev.eddy.gateway.ResultColumn;
import dev.eddy.gateway.ResultRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One query's result as it streams: the materialized table and the latest changes, both bounded by
 * their caps whatever the input rate, and figures about them. Written by the fetching thread, read
 * by the view; every method is safe across threads.
 */
public final class ResultStream {
    private final MaterializedTable table;
    private final ChangeLog changes;
    private final int tableCap;
    private final int changelogCap;
    private final long startNanos = System.nanoTime();
    private List<ResultColumn> columns = List.of();
    private volatile boolean changelog;
    private final long[] byKind = new long[4];
    private long total;
    private long currentSecond = -1;
    private long thisSecond;
    private long lastSecond;
    private volatile long version;
    private volatile String waitingFor;
    private long endNanos;

    public ResultStream(int tableCap, int changelogCap) {
        this(tableCap, changelogCap, Long.MAX_VALUE);
    }

    /** {@code maxBytes}: what the table and the changes may hold together (half each), estimated. */
    public ResultStream(int tableCap, int changelogCap, long maxBytes) {
        this.tableCap = tableCap;
        this.changelogCap = changelogCap;
        this.table = new MaterializedTable(tableCap, maxBytes / 2);
        this.changes = new ChangeLog(changelogCap, maxBytes / 2);
    }

    /** {@code changelog}: rows are changes of a continuous query (SELECT), not a finished table (SHOW). */
    synchronized void columns(List<ResultColumn> columns, boolean changelog) {
        this.columns = List.copyOf(columns);
        this.changelog = changelog;
        version++;
    }

    /** What the query's Flink job waits for before it can run (a free task slot), told in words; empty when nothing. */
    public java.util.Optional<String> waitingFor() {
        return java.util.Optional.ofNullable(waitingFor);
    }

    void waitingFor(java.util.Optional<String> what) {
        String now = what.orElse(null);
        if (!java.util.Objects.equals(now, waitingFor)) {
            waitingFor = now;
            version++;
        }
    }

    /** True for a continuous query's changes, false for a finished table such as SHOW or DESCRIBE gives. */
    public boolean changelog() {
        return changelog;
    }

    synchronized void add(List<ResultRow> rows) {
        Instant now = Instant.now();
        tick();
        for (ResultRow row : rows) {
            table.apply(row.kind(), row.fields());
            changes.add(new Change(row.kind(), row.fields(), now));
            byKind[row.kind().ordinal()]++;
        }
        total += rows.size();
        thisSecond += rows.size();
        version++;
    }

    private void tick() {
        long second = (System.nanoTime() - startNanos) / 1_000_000_000L;
        if (second != currentSecond) {
            lastSecond = second == currentSecond + 1 ? thisSecond : 0;
            thisSecond = 0;
            currentSecond = second;
        }
    }

    /** The statement ended: the elapsed time stops there. */
    synchronized void end() {
        if (endNanos == 0) {
            endNanos = System.nanoTime();
            version++;
        }
    }

    /** Grows with every change: a reader compares it to know whether anything is new. */
    public long version() {
        return version;
    }

    public synchronized List<ResultColumn> columns() {
        return columns;
    }

    /** A copy of the materialized rows, in their order of first arrival. */
    public synchronized List<List<Object>> tableRows() {
        return table.rows();
    }

    /** A copy of the kept changes, oldest first. */
    public synchronized List<Change> changes() {
        return changes.changes();
    }

    /**
     * Up to {@code max} changes from the {@code from}-th (0-based, counted over the whole result) on:
     * a reader that pages through the result asks again from {@link Slice#next()}. Changes the cap
     * already dropped are counted in {@link Slice#skipped()}.
     */
    public synchronized Slice changesSince(long from, int max) {
        List<Change> kept = changes.changes();
        long first = total - kept.size();
        long start = Math.max(from, first);
        int offset = (int) Math.min(kept.size(), start - first);
        List<Change> page = List.copyOf(kept.subList(offset, Math.min(kept.size(), offset + Math.max(0, max))));
        return new Slice(page, start + page.size(), Math.max(0, start - from));
    }

    /** A page of changes, where the next one starts, and how many before it were dropped unread. */
    public record Slice(List<Change> changes, long next, long skipped) {}

    public synchronized ResultStats stats() {
        tick();
        return new ResultStats(total, byKind[0], byKind[1], byKind[2], byKind[3], table.size(), table.droppedRows(),
                changes.size(), changes.dropped(), lastSecond, Duration.ofNanos((endNanos == 0 ? System.nanoTime() : endNanos) - startNanos),
                tableCap, changelogCap, table.bytesCapped() || changes.bytesCapped());
    }
}
