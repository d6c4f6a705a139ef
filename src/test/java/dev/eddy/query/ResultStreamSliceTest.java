package dev.eddy.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.gateway.ResultRow;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Paging through a result as it streams: each change read once, dropped ones counted. */
class ResultStreamSliceTest {

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() {
        ResultStream stream = new ResultStream(100, 100);
        stream.add(rows(0, 5));
        ResultStream.Slice first = stream.changesSince(0, 3);
        assertThat(first.changes()).extracting(c -> c.row().get(0)).containsExactly(0, 1, 2);
        assertThat(first.next()).isEqualTo(3);
        stream.add(rows(5, 7));
        ResultStream.Slice second = stream.changesSince(first.next(), 100);
        assertThat(second.changes()).extracting(c -> c.row().get(0)).containsExactly(3, 4, 5, 6);
        assertThat(second.skipped()).isZero();
        assertThat(stream.changesSince(second.next(), 100).changes()).isEmpty();
        assertThat(stream.changesSince(second.next(), 100).next()).isEqualTo(7);
    }

    @Test
    void changesTheCapDroppedAreCountedAsSkipped() {
        ResultStream stream = new ResultStream(100, 4);
        stream.add(rows(0, 10));
        ResultStream.Slice slice = stream.changesSince(2, 100);
        assertThat(slice.skipped()).isEqualTo(4);
        assertThat(slice.changes()).extracting(c -> c.row().get(0)).containsExactly(6, 7, 8, 9);
        assertThat(slice.next()).isEqualTo(10);
    }

    private static List<ResultRow> rows(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new ResultRow(ResultRow.RowKind.INSERT, List.<Object>of(i))).toList();
    }
}
