package dev.eddy.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.gateway.ResultRow.RowKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeLogTest {

    @Test
    void keepsTheLatestChangesInOrderAndCountsTheDropped() {
        ChangeLog log = new ChangeLog(3);
        for (int i = 1; i <= 5; i++) {
            log.add(new Change(RowKind.INSERT, List.of(i), Instant.EPOCH));
        }
        assertThat(log.changes()).extracting(c -> c.row().get(0)).containsExactly(3, 4, 5);
        assertThat(log.dropped()).isEqualTo(2);
        assertThat(log.size()).isEqualTo(3);
    }

    @Test
    void growsPastItsFirstAllocation() {
        ChangeLog log = new ChangeLog(5000);
        for (int i = 0; i < 3000; i++) {
            log.add(new Change(RowKind.INSERT, List.of(i), Instant.EPOCH));
        }
        assertThat(log.changes()).hasSize(3000).first().extracting(c -> c.row().get(0)).isEqualTo(0);
        assertThat(log.dropped()).isZero();
    }
}
