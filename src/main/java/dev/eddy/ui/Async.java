package dev.eddy.ui;

import com.vaadin.flow.component.UI;
import dev.eddy.security.CurrentUser;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs slow calls (to Flink, Kafka, PostgreSQL) off the UI thread and hands the result (or the
 * error) back to the page. On a pool of its own, bounded: the JVM's common pool has one thread per
 * core less one (a single thread on a 2-core machine), so one page waiting 10 s on an unreachable
 * cluster would hold every other page's work behind it.
 */
public final class Async {
    static final int THREADS = 16;
    static final int QUEUED = 1_000;
    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(QUEUED), dev.eddy.config.DaemonThreads.numbered("eddy-page-work-"));

    static {
        POOL.allowCoreThreadTimeOut(true);
    }

    private Async() {}

    public static <T> void run(Supplier<T> work, Consumer<T> done, Consumer<RuntimeException> failed) {
        UI ui = UI.getCurrent();
        supply(work).whenComplete((result, error) -> ui.access(() -> {
            if (error == null) {
                done.accept(result);
            } else {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                failed.accept(cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause));
            }
        }));
    }

    /** Starts the work on a page-work thread as the user who asks for it now. */
    public static <T> CompletableFuture<T> supply(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(CurrentUser.carrying(work), POOL);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("Eddy has " + QUEUED + " page requests "
                    + "waiting already: try again in a moment"));
        }
    }
}
