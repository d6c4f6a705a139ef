package dev.eddy.ui.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CellFormatTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void decimalsKeepTheirDeclaredScale() {
        CellFormat f = CellFormat.forType("DECIMAL(10, 2)", BERLIN);
        assertThat(f.format(new BigDecimal("37.6"))).isEqualTo("37.60");
        assertThat(f.format(258L)).isEqualTo("258.00");
    }

    @Test
    void localTimeZoneTimestampsShowInTheUsersZoneAtTheColumnsPrecision() {
        CellFormat f = CellFormat.forType("TIMESTAMP_LTZ(3)", BERLIN);
        assertThat(f.format("2026-11-25T18:15:12.97Z")).isEqualTo("2026-11-25 19:15:12.970");
    }

    @Test
    void timestampsWithoutZoneAreShownAsTheyAre() {
        CellFormat f = CellFormat.forType("TIMESTAMP(6)", BERLIN);
        assertThat(f.format("2026-10-19T17:50:10.534254")).isEqualTo("2026-10-19 17:50:10.534254");
    }

    @Test
    void nullReadsAsNullAndOtherValuesAsThemselves() {
        assertThat(CellFormat.forType("STRING", BERLIN).format(null)).isEqualTo("NULL");
        assertThat(CellFormat.forType("BIGINT", BERLIN).format(42L)).isEqualTo("42");
        assertThat(CellFormat.forType("TIMESTAMP_LTZ(3)", BERLIN).format("not a time")).isEqualTo("not a time");
    }
}
