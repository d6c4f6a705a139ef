package dev.eddy.ui;

import com.vaadin.flow.component.UI;
import java.util.concurrent.CompletableFuture;
import dev.eddy.security.CurrentUser;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Runs slow calls to Flink off the UI thread and hands the result (or the error) back to the page. */
public final class Async {
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

    /** Starts the work on a pool thread as the user who asks for it now. */
    public static <T> CompletableFuture<T> supply(Supplier<T> work) {
        return CompletableFuture.supplyAsync(CurrentUser.carrying(work));
    }

}
