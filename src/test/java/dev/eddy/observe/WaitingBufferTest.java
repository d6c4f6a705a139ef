package dev.eddy.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WaitingBufferTest {

    @Test
    void aFullBufferDropsTheOldestAndCountsThem() {
        WaitingBuffer<String> buffer = new WaitingBuffer<>(3);
        buffer.addAll(List.of("a", "b", "c", "d", "e"));
        assertThat(buffer.oldest(10)).containsExactly("c", "d", "e");
        assertThat(buffer.dropped()).isEqualTo(2);
    }

    @Test
    void onlyWhatWasSentLeavesEvenWhenTheOldestWereDroppedMeanwhile() {
        WaitingBuffer<String> buffer = new WaitingBuffer<>(3);
        buffer.addAll(List.of("a", "b", "c"));
        List<String> batch = buffer.oldest(2);
        buffer.addAll(List.of("d", "e")); // a and b dropped while the batch was on its way
        buffer.sent(batch);
        assertThat(buffer.oldest(10)).containsExactly("c", "d", "e");
        buffer.sent(buffer.oldest(1));
        assertThat(buffer.oldest(10)).containsExactly("d", "e");
        assertThat(buffer.size()).isEqualTo(2);
    }
}
