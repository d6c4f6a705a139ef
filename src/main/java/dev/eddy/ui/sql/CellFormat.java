package dev.eddy.ui.sql;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a result value reads in the grid: decimals with their declared scale, local-time-zone
 * timestamps in the user's time zone, fractions of seconds to the column's precision.
 */
final class CellFormat {
    private static final Pattern DECIMAL = Pattern.compile("^DECIMAL\\(\\d+, (\\d+)\\)$");
    private static final Pattern TIMESTAMP = Pattern.compile("^(TIMESTAMP|TIMESTAMP_LTZ)\\((\\d)\\)$");

    private final int scale;
    private final boolean localTimeZone;
    private final DateTimeFormatter timestamp;

    private CellFormat(int scale, boolean localTimeZone, DateTimeFormatter timestamp) {
        this.scale = scale;
        this.localTimeZone = localTimeZone;
        this.timestamp = timestamp;
    }

    /** The format for a column of the given Flink type, showing instants in {@code zone}. */
    static CellFormat forType(String type, ZoneId zone) {
        Matcher d = DECIMAL.matcher(type);
        if (d.matches()) {
            return new CellFormat(Integer.parseInt(d.group(1)), false, null);
        }
        Matcher t = TIMESTAMP.matcher(type);
        if (t.matches()) {
            int precision = Integer.parseInt(t.group(2));
            String pattern = "yyyy-MM-dd HH:mm:ss" + (precision > 0 ? "." + "S".repeat(precision) : "");
            boolean ltz = t.group(1).equals("TIMESTAMP_LTZ");
            DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern);
            return new CellFormat(-1, ltz, ltz ? f.withZone(zone) : f);
        }
        return new CellFormat(-1, false, null);
    }

    String format(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (scale >= 0 && value instanceof BigDecimal d) {
            return d.setScale(scale, RoundingMode.HALF_UP).toPlainString();
        }
        if (scale >= 0 && value instanceof Long l) {
            return BigDecimal.valueOf(l).setScale(scale).toPlainString();
        }
        if (timestamp != null && value instanceof String s) {
            try {
                return localTimeZone ? timestamp.format(Instant.parse(s)) : timestamp.format(LocalDateTime.parse(s));
            } catch (DateTimeParseException e) {
                return s;
            }
        }
        return value.toString();
    }
}
