package dev.eddy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TickCacheTest {

    @Test
    void manyAskingAtOnceCostOneReadAndShareItsValue() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch slow = new CountDownLatch(1);
        TickCache<String, Integer> cache = new TickCache<>(Duration.ofSeconds(10), key -> {
            try {
                slow.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return reads.incrementAndGet();
        });
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<Integer>> asked = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            asked.add(pool.submit(() -> cache.get("job")));
        }
        Thread.sleep(200);
        slow.countDown();
        for (Future<Integer> f : asked) {
            assertThat(f.get()).isEqualTo(1);
        }
        assertThat(reads).hasValue(1);
        assertThat(cache.get("other")).as("each key its own read").isEqualTo(2);
        pool.shutdown();
    }

    @Test
    void aValueIsReadAgainAfterItsTickAndAFailureIsNotKept() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        TickCache<String, Integer> cache = new TickCache<>(Duration.ofMillis(50), key -> {
            int n = reads.incrementAndGet();
            if (n == 3) {
                throw new ClusterException("the cluster did not answer");
            }
            return n;
        });
        assertThat(cache.get("job")).isEqualTo(1);
        assertThat(cache.get("job")).isEqualTo(1);
        Thread.sleep(80);
        assertThat(cache.get("job")).isEqualTo(2);
        Thread.sleep(80);
        assertThatThrownBy(() -> cache.get("job")).isInstanceOf(ClusterException.class);
        assertThat(cache.get("job")).as("the failure was not kept").isEqualTo(4);
    }
}
