package dev.eddy.integration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.security.SecretCipher;
import dev.eddy.security.SecretException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Integrations in Eddy's store; secrets go in and out encrypted, and only through {@link #secrets}. */
@Repository
class IntegrationRepository {
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};
    private final JdbcTemplate jdbc;
    private final SecretCipher cipher;
    private final ObjectMapper json;

    private static final Logger log = LoggerFactory.getLogger(IntegrationRepository.class);
    /** Integrations whose unreadable secrets were logged already: once each, not at every listing. */
    private final Set<String> unreadable = java.util.concurrent.ConcurrentHashMap.newKeySet();

    IntegrationRepository(JdbcTemplate jdbc, SecretCipher cipher, ObjectMapper json) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
    }

    List<Integration> findAll() {
        return jdbc.query("SELECT id, name, kind, settings, secrets, built_in, developers_read_only FROM integration ORDER BY built_in DESC, name",
                (rs, i) -> map(rs));
    }

    Optional<Integration> find(String name) {
        return jdbc.query("SELECT id, name, kind, settings, secrets, built_in, developers_read_only FROM integration WHERE name = ?",
                (rs, i) -> map(rs), name).stream().findFirst();
    }

    /** The decrypted secrets of one integration: for connecting, never for showing. */
    Map<String, String> secrets(String name) {
        List<byte[]> sealed = jdbc.query("SELECT secrets FROM integration WHERE name = ?", (rs, i) -> rs.getBytes(1), name);
        if (sealed.isEmpty() || sealed.get(0) == null) {
            return Map.of();
        }
        return read(cipher.decrypt(sealed.get(0), context(name)));
    }

    void upsert(String name, IntegrationKind kind, Map<String, String> settings, Map<String, String> secrets,
            boolean builtIn) {
        byte[] sealed = secrets.isEmpty() ? null : cipher.encrypt(write(secrets), context(name));
        jdbc.update("""
                INSERT INTO integration (name, kind, settings, secrets, built_in) VALUES (?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (name) DO UPDATE SET kind = EXCLUDED.kind, settings = EXCLUDED.settings,
                  secrets = EXCLUDED.secrets, built_in = EXCLUDED.built_in, updated_at = now()""",
                name, kind.name(), write(settings), sealed, builtIn);
    }

    /** Whether developers may only read through the integration; true when it exists. */
    boolean setDevelopersReadOnly(String name, boolean readOnly) {
        return jdbc.update("UPDATE integration SET developers_read_only = ?, updated_at = now() WHERE name = ?",
                readOnly, name) > 0;
    }

    boolean delete(String name) {
        return jdbc.update("DELETE FROM integration WHERE name = ?", name) > 0;
    }

    private Integration map(ResultSet rs) throws SQLException {
        byte[] sealed = rs.getBytes("secrets");
        TreeSet<String> set = new TreeSet<>();
        if (sealed != null) {
            // Only the names leave the repository: which secrets are set, not what they are.
            try {
                read(cipher.decrypt(sealed, context(rs.getString("name")))).forEach((k, v) -> {
                    if (v != null && !v.isEmpty()) {
                        set.add(k);
                    }
                });
            } catch (SecretException e) {
                // One integration sealed under another key must not keep Eddy from starting or listing the
                // others: it is shown without secrets, and connecting through it says to enter them again.
                if (unreadable.add(rs.getString("name"))) {
                    log.warn("The secrets of integration '{}' cannot be read with this Eddy's key: {}", rs.getString("name"),
                            e.getMessage());
                }
            }
        }
        return new Integration(rs.getLong("id"), rs.getString("name"), IntegrationKind.valueOf(rs.getString("kind")),
                new LinkedHashMap<>(read(rs.getString("settings"))), set, rs.getBoolean("built_in"),
                rs.getBoolean("developers_read_only"));
    }

    /** What each integration's sealed secrets are bound to: copied onto another row they do not open. */
    static String context(String integration) {
        return "integration:" + integration;
    }

    private Map<String, String> read(String text) {
        try {
            return json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable integration data in the store: " + e.getOriginalMessage(), e);
        }
    }

    private String write(Map<String, String> map) {
        try {
            return json.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
