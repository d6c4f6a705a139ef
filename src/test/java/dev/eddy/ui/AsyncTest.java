package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Page work runs on a pool of its own: one slow call does not hold the others behind it. */
class AsyncTest {

    @Test
    void pageWorkRunsOnItsOwnThreadsNotTheCommonPool() throws Exception {
        String thread = Async.supply(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS);
        assertThat(thread).startsWith("eddy-page-work-");
    }

    @Test
    void manySlowCallsRunSideBySide() throws Exception {
        // More blocked calls than the common pool has threads on a small machine: all must start.
        CountDownLatch started = new CountDownLatch(8);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(Async.supply(() -> {
                started.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 1;
            }));
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).as("every call started while the others wait").isTrue();
        release.countDown();
        for (CompletableFuture<Integer> call : calls) {
            assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }
}
