package dev.eddy.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.store.StoreText;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The versions of the cluster settings in Eddy's store, newest first; the newest not FAILED is in effect. */
@Repository
public class ClusterSettingsStore {
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final RowMapper<Version> row;

    public ClusterSettingsStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.row = (rs, i) -> new Version(rs.getInt("version"), new ClusterSettings(read(rs.getString("settings"))),
                List.of(rs.getString("changes").split("\n")), rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant(), Outcome.valueOf(rs.getString("outcome")),
                rs.getString("message"));
    }

    /** How applying a version ended. */
    public enum Outcome { APPLYING, APPLIED, AT_NEXT_START, FAILED }

    /**
     * One version: what was set and each change from the version before ("key: old → new"), by whom and
     * when, and how applying it ended (in words in {@code message}).
     */
    public record Version(int version, ClusterSettings settings, List<String> changes, String changedBy, Instant changedAt,
            Outcome outcome, String message) {}

    public List<Version> versions() {
        return jdbc.query("SELECT * FROM cluster_settings ORDER BY version DESC", row);
    }

    /** The newest version that did not fail: the settings in effect (or waiting for the next start). */
    public Optional<Version> effective() {
        return jdbc.query("SELECT * FROM cluster_settings WHERE outcome <> 'FAILED' ORDER BY version DESC LIMIT 1", row)
                .stream().findFirst();
    }

    /** Writes the next version, APPLYING (the caller holds the apply lock: one version is written at a time). */
    public int add(ClusterSettings settings, List<String> changes, String changedBy) {
        return jdbc.queryForObject("INSERT INTO cluster_settings (version, settings, changes, changed_by, outcome) "
                + "SELECT coalesce(max(version), 0) + 1, ?, ?, ?, 'APPLYING' FROM cluster_settings RETURNING version",
                Integer.class, write(settings.options()), StoreText.of(String.join("\n", changes)), StoreText.of(changedBy));
    }

    public void finish(int version, Outcome outcome, String message) {
        jdbc.update("UPDATE cluster_settings SET outcome = ?, message = ? WHERE version = ?", outcome.name(),
                StoreText.of(message), version);
    }

    private Map<String, String> read(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A cluster settings version in the store cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    private String write(Map<String, String> options) {
        try {
            return json.writeValueAsString(options);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
