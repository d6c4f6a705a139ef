package dev.eddy.query;

import java.util.ArrayList;
import java.util.List;

/** The latest changes of a result, oldest dropped beyond the cap. Not thread-safe: {@link ResultStream} guards it. */
final class ChangeLog {
    private final int cap;
    private Change[] ring;
    private int start;
    private int size;
    private long dropped;

    ChangeLog(int cap) {
        this.cap = cap;
        this.ring = new Change[Math.min(cap, 1024)];
    }

    void add(Change change) {
        if (size < cap) {
            if (size == ring.length) {
                grow();
            }
            ring[(start + size) % ring.length] = change;
            size++;
        } else {
            ring[start] = change;
            start = (start + 1) % ring.length;
            dropped++;
        }
    }

    private void grow() {
        Change[] bigger = new Change[Math.min(cap, ring.length * 2)];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(start + i) % ring.length];
        }
        ring = bigger;
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
