package dev.eddy.observe;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A table of figures over time ({@code metric_sample} per job, {@code cluster_sample} for the
 * cluster): readings (step 15) and one-minute averages (step 60), answered from the readings up to
 * 6 hours and from the averages beyond, averaged and trimmed every minute.
 */
final class Samples {
    static final int RAW = 15;
    static final int MINUTE = 60;
    static final Duration LONGEST = Duration.ofDays(14);
    private static final Duration RAW_ANSWERS_UP_TO = Duration.ofHours(6);
    private final JdbcTemplate jdbc;
    private final String table;
    /** The column naming whose figures a row holds besides the metric ("job"), or null for one subject. */
    private final String owner;

    Samples(JdbcTemplate jdbc, String table, String owner) {
        this.jdbc = jdbc;
        this.table = table;
        this.owner = owner;
    }

    /** The {@code metric} of {@code ownerId} (ignored without an owner column) over the last {@code range}, oldest first. */
    List<MetricHistory.Point> read(Long ownerId, String metric, Duration range) {
        if (range.compareTo(Duration.ofMinutes(1)) < 0 || range.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("A range of " + range + " is not kept: ask for 1 minute (PT1M) to 14 days (P14D).");
        }
        int step = range.compareTo(RAW_ANSWERS_UP_TO) <= 0 ? RAW : MINUTE;
        Timestamp since = Timestamp.from(Instant.now().minus(range));
        String where = owner == null ? "" : owner + " = ? AND ";
        Object[] args = owner == null ? new Object[] {metric, step, since} : new Object[] {ownerId, metric, step, since};
        return jdbc.query("SELECT at, value FROM " + table + " WHERE " + where + "metric = ? AND step = ? AND at >= ? ORDER BY at",
                (rs, i) -> new MetricHistory.Point(rs.getTimestamp(1).toInstant(), rs.getDouble(2)), args);
    }

    /**
     * Averages each finished minute of the last ten into one-minute samples (again, should a reading
     * have come late), and drops readings and averages older than their retention.
     */
    void retain(Duration rawRetention, Duration minuteRetention) {
        String key = owner == null ? "metric" : owner + ", metric";
        jdbc.update("INSERT INTO " + table + " (" + key + ", step, at, value) "
                + "SELECT " + key + ", ?, date_trunc('minute', at), avg(value) FROM " + table + " "
                + "WHERE step = ? AND at >= date_trunc('minute', now()) - interval '10 minutes' AND at < date_trunc('minute', now()) "
                + "GROUP BY " + key + ", date_trunc('minute', at) "
                + "ON CONFLICT (" + key + ", step, at) DO UPDATE SET value = EXCLUDED.value", MINUTE, RAW);
        jdbc.update("DELETE FROM " + table + " WHERE step = ? AND at < ?", RAW, Timestamp.from(Instant.now().minus(rawRetention)));
        jdbc.update("DELETE FROM " + table + " WHERE step = ? AND at < ?", MINUTE,
                Timestamp.from(Instant.now().minus(minuteRetention)));
    }
}
