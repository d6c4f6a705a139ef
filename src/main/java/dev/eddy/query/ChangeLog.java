package dev.eddy.query;

import java.util.ArrayList;
import java.util.List;

/**
 * The latest changes of a result, oldest dropped beyond the cap of changes or of bytes (the latest
 * change is always kept). Not thread-safe: {@link ResultStream} guards it.
 */
final class ChangeLog {
    private static final int CHANGE = 40;
    private final int cap;
    private final long maxBytes;
    private Change[] ring;
    private long[] sizes;
    private int start;
    private int size;
    private long bytes;
    private boolean bytesCapped;
    private long dropped;

    ChangeLog(int cap) {
        this(cap, Long.MAX_VALUE);
    }

    ChangeLog(int cap, long maxBytes) {
        this.cap = cap;
        this.maxBytes = maxBytes;
        this.ring = new Change[Math.min(cap, 1024)];
        this.sizes = new long[ring.length];
    }

    void add(Change change) {
        long added = CHANGE + RowSize.of(change.row());
        while (size > 0 && bytes + added > maxBytes) {
            dropOldest();
        }
        bytes += added;
        if (size < cap) {
            if (size == ring.length) {
                grow();
            }
            ring[(start + size) % ring.length] = change;
            sizes[(start + size) % ring.length] = added;
            size++;
        } else {
            bytes -= sizes[start];
            ring[start] = change;
            sizes[start] = added;
            start = (start + 1) % ring.length;
            dropped++;
        }
    }

    /** True once a change was dropped for bytes, not for the count. */
    boolean bytesCapped() {
        return bytesCapped;
    }

    private void dropOldest() {
        bytesCapped = true;
        bytes -= sizes[start];
        ring[start] = null;
        start = (start + 1) % ring.length;
        size--;
        dropped++;
    }

    /** The heap the kept changes take, estimated. */
    long bytes() {
        return bytes;
    }

    private void grow() {
        Change[] bigger = new Change[Math.min(cap, ring.length * 2)];
        long[] biggerSizes = new long[bigger.length];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(start + i) % ring.length];
            biggerSizes[i] = sizes[(start + i) % ring.length];
        }
        ring = bigger;
        sizes = biggerSizes;
        start = 0;
    }

    List<Change> changes() {
        List<Change> copy = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            copy.add(ring[(start + i) % ring.length]);
        }
        return copy;
    }

    int size() {
        return size;
    }

    long dropped() {
        return dropped;
    }
}
