package dev.eddy.security;

import dev.eddy.store.StoreText;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

/** Who did what and with what outcome, append only, in Eddy's store; admins read it on the Audit page. */
@Service
public class AuditLog {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final int MAX_TEXT = 2000;
    private static final RowMapper<AuditEntry> ROW = (rs, i) -> new AuditEntry(rs.getLong("id"),
            rs.getTimestamp("at").toInstant(), rs.getString("username"), rs.getString("action"), rs.getString("target"),
            AuditEntry.Outcome.valueOf(rs.getString("outcome")), rs.getString("detail"));
    private final JdbcTemplate jdbc;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an action of the acting user (or of "system"); never fails the action it records. */
    public void record(String action, String target, AuditEntry.Outcome outcome, String detail) {
        recordAs(CurrentUser.nameOrSystem(), action, target, outcome, detail);
    }

    /** Records an action of a named user: sign-in attempts, before anyone is signed in. */
    public void recordAs(String username, String action, String target, AuditEntry.Outcome outcome, String detail) {
        try {
            jdbc.update("INSERT INTO audit_log (username, action, target, outcome, detail) VALUES (?, ?, ?, ?, ?)",
                    clip(username), clip(action), clip(Redaction.sql(target)), outcome.name(),
                    clip(Redaction.sql(detail)));
        } catch (RuntimeException e) {
            log.warn("Could not write to the audit log ({} {} by {}): {}", action, outcome, username, e.getMessage());
        }
    }

    /** The newest entries that match: user and action contain the given text (any case), within the times. */
    @Requires(value = Role.ADMIN, action = "Reading the audit log", audited = false)
    public List<AuditEntry> search(String user, String action, Instant from, Instant to, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, at, username, action, target, outcome, detail FROM audit_log WHERE true");
        List<Object> args = new ArrayList<>();
        if (user != null && !user.isBlank()) {
            sql.append(" AND username ILIKE ?");
            args.add(like(user));
        }
        if (action != null && !action.isBlank()) {
            sql.append(" AND action ILIKE ?");
            args.add(like(action));
        }
        if (from != null) {
            sql.append(" AND at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND at < ?");
            args.add(Timestamp.from(to));
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        args.add(Math.max(1, Math.min(limit, 100_000)));
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    private static String like(String text) {
        return "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static String clip(String text) {
        String kept = StoreText.of(text);
        return kept == null || kept.length() <= MAX_TEXT ? kept : kept.substring(0, MAX_TEXT) + "…";
    }
}
