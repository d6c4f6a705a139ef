package dev.eddy.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** API tokens in Eddy's store, by the hash of their secret; revoked ones are kept for the record. */
@Repository
class ApiTokenRepository {
    private static final String COLUMNS = "id, username, name, role, created_at, expires_at, last_used_at";
    private static final RowMapper<ApiToken> ROW = (rs, i) -> new ApiToken(rs.getLong("id"), rs.getString("username"),
            rs.getString("name"), Role.valueOf(rs.getString("role")), instant(rs.getTimestamp("created_at")),
            instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("last_used_at")));
    private final JdbcTemplate jdbc;

    ApiTokenRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    ApiToken insert(String username, String name, String hash, Role role, Instant expiresAt) {
        return jdbc.queryForObject("INSERT INTO api_token (username, name, token_hash, role, expires_at) "
                + "VALUES (?, ?, ?, ?, ?) RETURNING " + COLUMNS, ROW, username, name, hash, role.name(),
                expiresAt == null ? null : Timestamp.from(expiresAt));
    }

    /** The live (not revoked) tokens of a user, newest first. */
    List<ApiToken> live(String username) {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_token WHERE lower(username) = lower(?) AND revoked_at IS NULL "
                + "ORDER BY created_at DESC", ROW, username);
    }

    Optional<ApiToken> findLiveByHash(String hash) {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_token WHERE token_hash = ? AND revoked_at IS NULL", ROW, hash)
                .stream().findFirst();
    }

    Optional<ApiToken> findLive(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_token WHERE id = ? AND revoked_at IS NULL", ROW, id)
                .stream().findFirst();
    }

    void used(long id) {
        // At most once a minute: a client polling results every few hundred milliseconds must not write each time.
        jdbc.update("UPDATE api_token SET last_used_at = now() WHERE id = ? "
                + "AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')", id);
    }

    boolean revoke(long id) {
        return jdbc.update("UPDATE api_token SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL", id) == 1;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
