package dev.eddy.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values read from the cluster, shared by everyone who asks for the same key within a tick: ten
 * people on the Jobs page cost Flink one read of each job's figures, not ten. A read that took long
 * is kept longer (twice its time), so a slow cluster is asked less often; one read per key at a time.
 */
public final class TickCache<K, V> {
    private final Duration tick;
    private final Function<K, V> read;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    private record Entry<V>(CompletableFuture<V> value, long readyAt, long keepNanos) {}

    public TickCache(Duration tick, Function<K, V> read) {
        this.tick = tick;
        this.read = read;
    }

    public V get(K key) {
        long now = System.nanoTime();
        if (entries.size() > 256) {
            // Keys nobody asked for in a minute (runs that ended) go.
            entries.values().removeIf(e -> e.value().isDone() && now - e.readyAt() > 60_000_000_000L);
        }
        Entry<V> current = entries.get(key);
        if (current != null && (!current.value().isDone() || now - current.readyAt() < current.keepNanos())) {
            return current.value().join();
        }
        CompletableFuture<V> mine = new CompletableFuture<>();
        Entry<V> claimed = new Entry<>(mine, Long.MAX_VALUE, 0);
        boolean won = current == null ? entries.putIfAbsent(key, claimed) == null : entries.replace(key, current, claimed);
        if (!won) {
            return get(key);
        }
        long t0 = System.nanoTime();
        try {
            V value = read.apply(key);
            long took = System.nanoTime() - t0;
            entries.put(key, new Entry<>(mine, System.nanoTime(), Math.max(tick.toNanos(), 2 * took)));
            mine.complete(value);
            return value;
        } catch (RuntimeException e) {
            entries.remove(key, claimed);
            mine.completeExceptionally(e);
            throw e;
        }
    }
}
