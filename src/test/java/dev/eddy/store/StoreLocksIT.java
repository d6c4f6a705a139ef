package dev.eddy.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.support.EddyIntegrationTest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Job locks live in the store: two Eddys (two lock holders on one store) never act on one job at once. */
@EddyIntegrationTest
class StoreLocksIT {
    private static final int KIND = 0x74657374; // "test": apart from the real job locks
    @Autowired
    DataSource store;

    @Test
    void aLockHeldByOneEddyKeepsAnotherOutUntilItIsGivenBack() throws Exception {
        try (StoreLocks first = new StoreLocks(store, KIND); StoreLocks second = new StoreLocks(store, KIND)) {
            StoreLocks.Held mine = first.lock(7);
            mine.lock();
            mine.lock(); // the same thread again: reentrant
            assertThat(second.lock(7).tryLock()).as("the other Eddy, same job").isFalse();
            assertThat(second.lock(8).tryLock()).as("the other Eddy, another job").isTrue();
            second.lock(8).unlock();

            CountDownLatch waiting = new CountDownLatch(1);
            CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() -> {
                long started = System.nanoTime();
                waiting.countDown();
                second.lock(7).lock();
                second.lock(7).unlock();
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            });
            waiting.await();
            Thread.sleep(500);
            assertThat(waited).as("still waiting while the first holds it once more").isNotDone();
            mine.unlock();
            Thread.sleep(300);
            assertThat(waited).as("held once still").isNotDone();
            mine.unlock();
            assertThat(waited.get(5, TimeUnit.SECONDS)).as("ms waited").isGreaterThanOrEqualTo(700);
        }
    }

    @Test
    void aLockDiesWithTheEddyThatHeldIt() {
        StoreLocks dying = new StoreLocks(store, KIND);
        try (StoreLocks other = new StoreLocks(store, KIND)) {
            dying.lock(9).lock();
            assertThat(other.lock(9).tryLock()).isFalse();
            // Its connection ends (as a killed process's does): PostgreSQL releases what it held.
            dying.dropConnection();
            // PostgreSQL ends that session's work as soon as it sees the connection close: moments, not a timeout.
            dev.eddy.support.Await.until("the lock to be free", java.time.Duration.ofSeconds(5),
                    () -> other.lock(9).tryLock(), took -> took);
            other.lock(9).unlock();
        } finally {
            dying.close();
        }
    }

    @Test
    void withinOneEddyTheLockIsExclusiveBetweenThreads() throws Exception {
        try (StoreLocks locks = new StoreLocks(store, KIND)) {
            locks.lock(11).lock();
            boolean otherThread = CompletableFuture.supplyAsync(() -> locks.lock(11).tryLock()).get(5, TimeUnit.SECONDS);
            assertThat(otherThread).isFalse();
            locks.lock(11).unlock();
            assertThat(CompletableFuture.supplyAsync(() -> {
                boolean took = locks.lock(11).tryLock();
                if (took) {
                    locks.lock(11).unlock();
                }
                return took;
            }).get(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
