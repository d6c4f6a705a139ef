package dev.eddy.embedded;

import java.util.concurrent.TimeUnit;

/**
 * When to start a stopped process again: at once after it ran a while (a crash, a kill), with pauses
 * doubling from a second to a minute while it keeps stopping soon after each start (a port taken, a
 * broken setting), so a process that cannot run does not flood its log and the machine.
 */
final class RestartPause {
    static final long RAN_LONG_ENOUGH = TimeUnit.SECONDS.toNanos(30);
    static final long FIRST = TimeUnit.SECONDS.toNanos(1);
    static final long LONGEST = TimeUnit.SECONDS.toNanos(60);
    private long startedAt;
    private long retryAt = -1;
    private int quickStops;

    /** It was started (or found running) at {@code now}. */
    void started(long now) {
        startedAt = now;
        retryAt = -1;
    }

    /** Asked while it is seen stopped: whether to start it again now. */
    boolean due(long now) {
        if (retryAt < 0) {
            quickStops = now - startedAt < RAN_LONG_ENOUGH ? quickStops + 1 : 0;
            retryAt = now + pause();
        }
        return now - retryAt >= 0;
    }

    /** The pause before the next start: none after a long run. */
    long pause() {
        if (quickStops <= 1) {
            return quickStops == 0 ? 0 : FIRST;
        }
        return Math.min(LONGEST, FIRST << Math.min(quickStops - 1, 10));
    }

    /** How many times in a row it stopped soon after starting. */
    int quickStops() {
        return quickStops;
    }
}
