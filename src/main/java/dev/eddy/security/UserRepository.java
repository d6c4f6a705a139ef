package dev.eddy.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Users in Eddy's store; only this class reads password hashes. */
@Repository
class UserRepository {
    private static final String COLUMNS = "id, username, role, enabled, failed_logins, locked_until, last_login_at, created_at";
    private static final RowMapper<EddyUser> ROW = (rs, i) -> new EddyUser(rs.getLong("id"), rs.getString("username"),
            Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"), rs.getInt("failed_logins"),
            instant(rs.getTimestamp("locked_until")), instant(rs.getTimestamp("last_login_at")),
            instant(rs.getTimestamp("created_at")));
    private final JdbcTemplate jdbc;

    UserRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The user and their password hash, for signing in. */
    record WithHash(EddyUser user, String passwordHash) {}

    List<EddyUser> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM eddy_user ORDER BY username", ROW);
    }

    Optional<EddyUser> find(String username) {
        return jdbc.query("SELECT " + COLUMNS + " FROM eddy_user WHERE lower(username) = lower(?)", ROW, username)
                .stream().findFirst();
    }

    Optional<WithHash> findWithHash(String username) {
        return jdbc.query("SELECT " + COLUMNS + ", password_hash FROM eddy_user WHERE lower(username) = lower(?)",
                (rs, i) -> new WithHash(ROW.mapRow(rs, i), rs.getString("password_hash")), username).stream().findFirst();
    }

    boolean any() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM eddy_user)", Boolean.class));
    }

    long countEnabledAdmins() {
        return jdbc.queryForObject("SELECT count(*) FROM eddy_user WHERE role = 'ADMIN' AND enabled", Long.class);
    }

    /** Adds a user; false when the name is taken (names are compared without case). */
    boolean insert(String username, String passwordHash, Role role) {
        return jdbc.update("INSERT INTO eddy_user (username, password_hash, role) SELECT ?, ?, ? WHERE NOT EXISTS "
                + "(SELECT 1 FROM eddy_user WHERE lower(username) = lower(?))", username, passwordHash, role.name(),
                username) == 1;
    }

    /** Adds the first admin only while no user exists, so two first-run requests cannot both win. */
    @Transactional
    boolean insertFirst(String username, String passwordHash) {
        jdbc.execute("LOCK TABLE eddy_user IN SHARE ROW EXCLUSIVE MODE");
        return jdbc.update("INSERT INTO eddy_user (username, password_hash, role) SELECT ?, ?, 'ADMIN' "
                + "WHERE NOT EXISTS (SELECT 1 FROM eddy_user)", username, passwordHash) == 1;
    }

    void setPasswordHash(String username, String hash) {
        jdbc.update("UPDATE eddy_user SET password_hash = ?, failed_logins = 0, locked_until = NULL, updated_at = now() "
                + "WHERE lower(username) = lower(?)", hash, username);
    }

    void setRole(String username, Role role) {
        jdbc.update("UPDATE eddy_user SET role = ?, updated_at = now() WHERE lower(username) = lower(?)", role.name(), username);
    }

    void setEnabled(String username, boolean enabled) {
        jdbc.update("UPDATE eddy_user SET enabled = ?, failed_logins = 0, locked_until = NULL, updated_at = now() "
                + "WHERE lower(username) = lower(?)", enabled, username);
    }

    void loginSucceeded(String username) {
        jdbc.update("UPDATE eddy_user SET failed_logins = 0, locked_until = NULL, last_login_at = now() "
                + "WHERE lower(username) = lower(?)", username);
    }

    /** Counts a failed login; returns the new count (0 when there is no such user). */
    int loginFailed(String username) {
        List<Integer> count = jdbc.queryForList("UPDATE eddy_user SET failed_logins = failed_logins + 1 "
                + "WHERE lower(username) = lower(?) RETURNING failed_logins", Integer.class, username);
        return count.isEmpty() ? 0 : count.get(0);
    }

    void lockUntil(String username, Instant until) {
        jdbc.update("UPDATE eddy_user SET locked_until = ? WHERE lower(username) = lower(?)", Timestamp.from(until), username);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
