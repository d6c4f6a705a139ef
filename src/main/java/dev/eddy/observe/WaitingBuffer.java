package dev.eddy.observe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What waits to be sent to a service that may be away: bounded, dropping (and counting) the oldest
 * when full, and letting go only of what was sent, even when the oldest were dropped meanwhile.
 */
final class WaitingBuffer<T> {
    private final int capacity;
    private final ArrayDeque<T> waiting = new ArrayDeque<>();
    private long dropped;

    WaitingBuffer(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    synchronized void add(T item) {
        if (waiting.size() >= capacity) {
            waiting.removeFirst();
            dropped++;
        }
        waiting.addLast(item);
    }

    synchronized void addAll(List<T> items) {
        items.forEach(this::add);
    }

    /** The oldest {@code max} items, still waiting until {@link #sent} lets them go. */
    synchronized List<T> oldest(int max) {
        List<T> batch = new ArrayList<>(Math.min(max, waiting.size()));
        for (T item : waiting) {
            if (batch.size() == max) {
                break;
            }
            batch.add(item);
        }
        return batch;
    }

    /** Lets go of a batch {@link #oldest} gave, as far as it still waits at the front. */
    synchronized void sent(List<T> batch) {
        Set<T> done = Collections.newSetFromMap(new IdentityHashMap<>());
        done.addAll(batch);
        while (!waiting.isEmpty() && done.contains(waiting.peekFirst())) {
            waiting.removeFirst();
        }
    }

    synchronized int size() {
        return waiting.size();
    }

    synchronized long dropped() {
        return dropped;
    }
}
