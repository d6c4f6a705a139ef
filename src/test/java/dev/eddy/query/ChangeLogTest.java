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
    void wideChangesAreBoundedByBytesBeforeTheirCount() {
        String wide = "x".repeat(100_000);
        ChangeLog log = new ChangeLog(1_000, 1_000_000);
        for (int i = 0; i < 50; i++) {
            log.add(new Change(RowKind.INSERT, List.of(i, wide), Instant.EPOCH));
        }
        assertThat(log.bytes()).isLessThanOrEqualTo(1_000_000);
        assertThat(log.size()).isEqualTo(9);
        assertThat(log.changes()).extracting(c -> c.row().get(0)).endsWith(49).startsWith(41);
        assertThat(log.dropped()).isEqualTo(41);
        assertThat(log.bytesCapped()).isTrue();

        ChangeLog narrow = new ChangeLog(10, 1_000_000);
        for (int i = 0; i < 50; i++) {
            narrow.add(new Change(RowKind.INSERT, List.of(i), Instant.EPOCH));
        }
        assertThat(narrow.size()).isEqualTo(10);
        assertThat(narrow.bytesCapped()).as("dropped for the count").isFalse();
    }

    @Test
    void aSingleChangeWiderThanTheBoundIsStillKept() {
        ChangeLog log = new ChangeLog(10, 1_000);
        log.add(new Change(RowKind.INSERT, List.of("a"), Instant.EPOCH));
        log.add(new Change(RowKind.INSERT, List.of("y".repeat(5_000)), Instant.EPOCH));
        assertThat(log.changes()).singleElement().extracting(c -> ((String) c.row().get(0)).length()).isEqualTo(5_000);
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
