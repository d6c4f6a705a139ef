package dev.eddy.query;

import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Every statement run from the console with its outcome, kept in Eddy's store. */
@Repository
public class StatementHistory {
    private static final RowMapper<Entry> ROW = (rs, i) -> new Entry(rs.getLong(1), rs.getString(2),
            Outcome.valueOf(rs.getString(3)), rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getString(7),
            rs.getTimestamp(8).toInstant());
    private final JdbcTemplate jdbc;

    public StatementHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One past run of a statement. */
    public record Entry(long id, String statement, Outcome outcome, String message, long rows, long durationMs,
            String jobId, Instant startedAt) {}

    /** Keeps a run; returns its id, for the outcome of a job that runs on after the statement. */
    public long record(String statement, QueryReport report, String message, Instant startedAt) {
        Long id = jdbc.queryForObject("INSERT INTO statement_history (statement, outcome, message, rows, duration_ms, "
                        + "job_id, started_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", Long.class,
                statement, report.outcome().name(), message, report.changes(), report.duration().toMillis(),
                report.jobId().orElse(null), Timestamp.from(startedAt));
        return id == null ? -1 : id;
    }

    /** What became of a run's Flink job since: restarts, a failure, its end. */
    public void update(long id, Outcome outcome, String message) {
        jdbc.update("UPDATE statement_history SET outcome = ?, message = ? WHERE id = ?", outcome.name(), message, id);
    }

    /** The latest runs whose statement contains the text (any case); all latest runs for blank text. */
    @Requires(Role.VIEWER)
    public List<Entry> search(String text, int limit) {
        if (text == null || text.isBlank()) {
            return recent(limit);
        }
        String pattern = "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.query("SELECT id, statement, outcome, message, rows, duration_ms, job_id, started_at "
                        + "FROM statement_history WHERE statement ILIKE ? ORDER BY started_at DESC, id DESC LIMIT ?",
                ROW,
                pattern, limit);
    }

    public List<Entry> recent(int limit) {
        return jdbc.query("SELECT id, statement, outcome, message, rows, duration_ms, job_id, started_at "
                        + "FROM statement_history ORDER BY started_at DESC, id DESC LIMIT ?",
                ROW,
                limit);
    }
}
