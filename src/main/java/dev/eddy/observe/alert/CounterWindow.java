package dev.eddy.observe.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How much a counter (a job's restarts, its failed checkpoints) grew within a window, from readings
 * of it: a counter that starts again (a new run of the job) counts from zero, the way Prometheus'
 * {@code increase} treats a reset. Readings older than the longest window asked are dropped.
 */
final class CounterWindow {
    private record Reading(Instant at, String run, long value) {}

    private final Deque<Reading> readings = new ArrayDeque<>();

    synchronized void add(Instant at, String run, long value) {
        readings.addLast(new Reading(at, run, value));
    }

    /** The growth within {@code window} before {@code now}, counting from the last reading before the window. */
    synchronized long increase(Instant now, Duration window) {
        Instant from = now.minus(window);
        long grown = 0;
        Reading previous = null;
        for (Reading r : readings) {
            if (previous != null && !r.at.isBefore(from)) {
                boolean sameRun = previous.run.equals(r.run) && r.value >= previous.value;
                grown += sameRun ? r.value - previous.value : r.value;
            }
            previous = r;
        }
        return grown;
    }

    /** Forgets readings no window up to {@code longest} needs (one before the window is kept as its base). */
    synchronized void trim(Instant now, Duration longest) {
        Instant from = now.minus(longest);
        while (readings.size() > 1) {
            var it = readings.iterator();
            it.next();
            if (!it.next().at.isBefore(from)) {
                return;
            }
            readings.removeFirst();
        }
    }

    synchronized boolean isEmpty() {
        return readings.isEmpty();
    }
}
