package dev.eddy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskManagerStatusTest {
    private static TaskManagerStatus tm(long heapUsed, long sinceHeartbeat) {
        return new TaskManagerStatus("node-1", 4, 1, 2, 0.25, heapUsed, 1000, 1L << 30, sinceHeartbeat);
    }

    @Test
    void healthIsToldInWordsFromTheHeartbeatAndTheHeap() {
        assertThat(tm(500, 900).health()).isEqualTo("Healthy");
        assertThat(tm(500, 900).slotsUsed()).isEqualTo(3);
        assertThat(tm(990, 900).health()).as("a full heap is collected, not a failure").isEqualTo("Healthy");
        assertThat(tm(500, 9_500).health()).as("within Flink's default heartbeat interval").isEqualTo("Healthy");
        assertThat(tm(500, 24_200).health()).isEqualTo("Not heard from for 24 s");
    }
}
