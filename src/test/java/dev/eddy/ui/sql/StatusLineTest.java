package dev.eddy.ui.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.query.ResultStats;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    @Test
    void runningLineShowsOpsRateAndTheTableCap() {
        ResultStats s = new ResultStats(1234, 1000, 117, 117, 0, 234, 0, 1234, 0, 40, Duration.ofMillis(12_340),
                10_000, 100_000);
        assertThat(StatusLine.describe("Running", s)).isEqualTo(
                "Running · 12.3 s · 1,234 changes (+I 1,000, -U 117, +U 117) · 40 rows/s · table 234 of max 10,000 rows");
        assertThat(StatusLine.dropped(s)).isEmpty();
    }

    @Test
    void aRunningQueryWithoutRowsSaysItWaitsForTheFirst() {
        ResultStats s = new ResultStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Duration.ofMillis(25_300), 10_000, 100_000);
        assertThat(StatusLine.describe("Running", s)).isEqualTo("Running · 25.3 s · waiting for the first row");
        assertThat(StatusLine.describe("Stopped", s)).isEqualTo("Stopped · 25.3 s · 0 changes · table 0 of max 10,000 rows");
    }

    @Test
    void endedLineLeavesTheRateOutAndDroppedRowsAreNamed() {
        ResultStats s = new ResultStats(20_000, 20_000, 0, 0, 0, 10_000, 10_000, 20_000, 0, 0, Duration.ofSeconds(3),
                10_000, 100_000);
        assertThat(StatusLine.describe("Stopped", s)).isEqualTo(
                "Stopped · 3.0 s · 20,000 changes (+I 20,000) · table 10,000 of max 10,000 rows");
        assertThat(StatusLine.dropped(s)).isEqualTo("The table keeps the latest 10,000 rows: 10,000 older ones were "
                + "dropped (eddy.query.max-table-rows).");
    }
}
