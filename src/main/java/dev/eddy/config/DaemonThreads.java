package dev.eddy.config;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Threads for Eddy's own background work: named (so a thread dump says whose they are) and daemon
 * (so none of them keeps a stopping JVM alive).
 */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** Every thread under the same name: for single-thread executors. */
    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Threads named {@code prefix1}, {@code prefix2}, …: for pools. */
    public static ThreadFactory numbered(String prefix) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
