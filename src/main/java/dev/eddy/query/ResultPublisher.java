package dev.eddy.query;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tells a listener about a stream's news at most once per interval, whatever the input rate: the
 * first rows go out at once (time to first row matters), later ones in batches, and a last tick
 * after the stream's end so the final state is always shown. While nothing arrives it still ticks
 * once a second, so the elapsed time a view shows keeps moving ("waiting for the first row · 25 s").
 */
public final class ResultPublisher {
    private final ResultStream stream;
    private final QueryListener listener;
    private final long intervalNanos;
    private final ScheduledFuture<?> ticks;
    private long publishedVersion = -1;
    private long lastPublish = Long.MIN_VALUE / 2;
    private long published;
    private static final long HEARTBEAT_NANOS = 1_000_000_000L;

    public ResultPublisher(ResultStream stream, QueryListener listener, ScheduledExecutorService ticker,
            Duration interval) {
        this.stream = stream;
        this.listener = listener;
        this.intervalNanos = interval.toNanos();
        long ms = Math.max(1, interval.toMillis());
        this.ticks = ticker.scheduleWithFixedDelay(this::tick, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Rows arrived: publish now unless the last publication is younger than the interval. */
    public synchronized void nudge() {
        if (System.nanoTime() - lastPublish >= intervalNanos) {
            publish();
        }
    }

    private synchronized void tick() {
        if (System.nanoTime() - lastPublish >= HEARTBEAT_NANOS) {
            publishedVersion = -1;
        }
        publish();
    }

    /** Stops the ticks and publishes what is left. */
    public synchronized void finish() {
        ticks.cancel(false);
        publish();
    }

    /** How many times the listener was told. */
    public synchronized long publications() {
        return published;
    }

    private void publish() {
        long v = stream.version();
        if (v != publishedVersion) {
            publishedVersion = v;
            lastPublish = System.nanoTime();
            published++;
            listener.progress(stream);
        }
    }
}
