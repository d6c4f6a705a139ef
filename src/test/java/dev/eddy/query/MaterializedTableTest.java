package dev.eddy.query;

import static dev.eddy.gateway.ResultRow.RowKind.DELETE;
import static dev.eddy.gateway.ResultRow.RowKind.INSERT;
import static dev.eddy.gateway.ResultRow.RowKind.UPDATE_AFTER;
import static dev.eddy.gateway.ResultRow.RowKind.UPDATE_BEFORE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Materializing crafted changelogs: retractions, upserts by key, deletes of absent rows, duplicates. */
class MaterializedTableTest {

    @Test
    void wideRowsAreBoundedByBytesAndAnUpdateThatWidensARowCounts() {
        String wide = "x".repeat(100_000);
        MaterializedTable t = new MaterializedTable(1_000, 1_000_000L, 0);
        for (int i = 0; i < 30; i++) {
            t.apply(INSERT, List.of(i, wide));
        }
        assertThat(t.bytes()).isLessThanOrEqualTo(1_000_000);
        assertThat(t.size()).isEqualTo(9);
        assertThat(t.droppedRows()).isEqualTo(21);
        assertThat(t.bytesCapped()).isTrue();
        assertThat(t.rows()).extracting(r -> r.get(0)).startsWith(21).endsWith(29);

        MaterializedTable keyed = new MaterializedTable(1_000, 1_000_000L, 0);
        for (int i = 0; i < 5; i++) {
            keyed.apply(INSERT, List.of(i, "small"));
        }
        keyed.apply(UPDATE_AFTER, List.of(4, "y".repeat(999_900)));
        assertThat(keyed.rows()).extracting(r -> r.get(0)).containsExactly(4);
        keyed.apply(DELETE, List.of(4, "y".repeat(999_900)));
        assertThat(keyed.bytes()).isZero();
    }

    @Test
    void retractionsUpdateRowsInPlace() {
        MaterializedTable t = new MaterializedTable(100);
        t.apply(INSERT, List.of("PAID", 1L));
        t.apply(INSERT, List.of("CREATED", 1L));
        t.apply(UPDATE_BEFORE, List.of("PAID", 1L));
        t.apply(UPDATE_AFTER, List.of("PAID", 2L));
        assertThat(t.rows()).containsExactly(List.of("PAID", 2L), List.of("CREATED", 1L));
    }

    @Test
    void pairedRetractionsOfSeveralRowsKeepEveryRowInItsPlace() {
        MaterializedTable t = new MaterializedTable(100);
        t.apply(INSERT, List.of("a", 1L));
        t.apply(INSERT, List.of("b", 1L));
        t.apply(UPDATE_BEFORE, List.of("a", 1L));
        t.apply(UPDATE_BEFORE, List.of("b", 1L));
        t.apply(UPDATE_AFTER, List.of("a", 2L));
        t.apply(UPDATE_AFTER, List.of("b", 2L));
        assertThat(t.rows()).containsExactly(List.of("a", 2L), List.of("b", 2L));
    }

    @Test
    void upsertsByKeyReplaceTheRowWithTheSameKey() {
        MaterializedTable t = new MaterializedTable(100, 0);
        t.apply(INSERT, List.of(7, "Ada", "DE"));
        t.apply(INSERT, List.of(8, "Linus", "FI"));
        t.apply(UPDATE_AFTER, List.of(7, "Ada", "FR"));
        t.apply(UPDATE_BEFORE, List.of(8, "Linus", "FI"));
        t.apply(UPDATE_AFTER, List.of(8, "Linus", "US"));
        assertThat(t.rows()).containsExactly(List.of(7, "Ada", "FR"), List.of(8, "Linus", "US"));
    }

    @Test
    void deleteByKeyRemovesWhateverValueTheRowHad() {
        MaterializedTable t = new MaterializedTable(100, 0);
        t.apply(INSERT, List.of(7, "old"));
        t.apply(UPDATE_AFTER, List.of(7, "new"));
        t.apply(DELETE, List.of(7, "new"));
        assertThat(t.rows()).isEmpty();
    }

    @Test
    void deletesOfAbsentRowsAreCountedNotFatal() {
        MaterializedTable t = new MaterializedTable(100);
        t.apply(DELETE, List.of("ghost"));
        t.apply(UPDATE_BEFORE, List.of("ghost"));
        t.apply(INSERT, List.of("real"));
        assertThat(t.rows()).containsExactly(List.of("real"));
        assertThat(t.unmatchedRetractions()).isEqualTo(2);
    }

    @Test
    void duplicateRowsWithoutKeysAreAMultiset() {
        MaterializedTable t = new MaterializedTable(100);
        t.apply(INSERT, List.of("x"));
        t.apply(INSERT, List.of("x"));
        t.apply(INSERT, List.of("y"));
        t.apply(DELETE, List.of("x"));
        assertThat(t.rows()).containsExactly(List.of("x"), List.of("y"));
        t.apply(DELETE, List.of("x"));
        assertThat(t.rows()).containsExactly(List.of("y"));
    }

    @Test
    void retractionWithoutItsUpdateAfterRemovesTheRow() {
        MaterializedTable t = new MaterializedTable(100);
        t.apply(INSERT, List.of("a"));
        t.apply(UPDATE_BEFORE, List.of("a"));
        t.apply(INSERT, List.of("b"));
        assertThat(t.rows()).containsExactly(List.of("b"));
    }

    @Test
    void beyondTheCapTheOldestRowsAreDroppedAndCounted() {
        MaterializedTable t = new MaterializedTable(3);
        for (int i = 1; i <= 5; i++) {
            t.apply(INSERT, List.of(i));
        }
        assertThat(t.rows()).containsExactly(List.of(3), List.of(4), List.of(5));
        assertThat(t.droppedRows()).isEqualTo(2);
        t.apply(DELETE, List.of(1));
        assertThat(t.unmatchedRetractions()).isEqualTo(1);
    }
}
