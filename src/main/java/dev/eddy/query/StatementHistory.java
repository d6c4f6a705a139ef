package dev.eddy.query;

import dev.eddy.security.Actor;
import dev.eddy.security.CurrentUser;
import dev.eddy.security.Redaction;
import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import dev.eddy.store.StoreText;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Every statement run from the console with its outcome and who ran it, kept in Eddy's store with
 * inline secrets hidden. Each user sees their own; admins see everyone's.
 */
@Repository
public class StatementHistory {
    private static final String COLUMNS = "id, statement, outcome, message, rows, duration_ms, job_id, started_at, username";
    private static final RowMapper<Entry> ROW = (rs, i) -> new Entry(rs.getLong(1), rs.getString(2),
            Outcome.valueOf(rs.getString(3)), rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getString(7),
            rs.getTimestamp(8).toInstant(), rs.getString(9));
    private final JdbcTemplate jdbc;

    public StatementHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One past run of a statement. */
    public record Entry(long id, String statement, Outcome outcome, String message, long rows, long durationMs,
            String jobId, Instant startedAt, String username) {}

    /** Keeps a run; returns its id, for the outcome of a job that runs on after the statement. */
    public long record(String statement, QueryReport report, String message, Instant startedAt) {
        Long id = jdbc.queryForObject("INSERT INTO statement_history (statement, outcome, message, rows, duration_ms, "
                        + "job_id, started_at, username) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", Long.class,
                StoreText.of(Redaction.sql(statement)), report.outcome().name(), StoreText.of(Redaction.sql(message)), report.changes(),
                report.duration().toMillis(), report.jobId().orElse(null), Timestamp.from(startedAt),
                CurrentUser.nameOrSystem());
        return id == null ? -1 : id;
    }

    /** What became of a run's Flink job since: restarts, a failure, its end. */
    public void update(long id, Outcome outcome, String message) {
        jdbc.update("UPDATE statement_history SET outcome = ?, message = ? WHERE id = ?", outcome.name(),
                StoreText.of(Redaction.sql(message)), id);
    }

    /**
     * The acting user's latest runs whose statement contains the text (any case), all latest runs
     * for blank text; an admin sees everyone's.
     */
    @Requires(Role.VIEWER)
    public List<Entry> search(String text, int limit) {
        Actor me = CurrentUser.get().orElseThrow();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM statement_history WHERE true");
        List<Object> args = new ArrayList<>();
        if (!me.may(Role.ADMIN)) {
            sql.append(" AND username = ?");
            args.add(me.name());
        }
        if (text != null && !text.isBlank()) {
            sql.append(" AND statement ILIKE ?");
            args.add("%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        sql.append(" ORDER BY started_at DESC, id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    /** Everyone's latest runs, for Eddy's own checks and tests. */
    List<Entry> recent(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM statement_history ORDER BY started_at DESC, id DESC LIMIT ?",
                ROW, limit);
    }

    /** Forgets runs older than the retention ({@code eddy.history.retention}); returns how many. */
    public int forgetOlderThan(java.time.Duration retention) {
        return jdbc.update("DELETE FROM statement_history WHERE started_at < ?",
                Timestamp.from(Instant.now().minus(retention)));
    }
}
