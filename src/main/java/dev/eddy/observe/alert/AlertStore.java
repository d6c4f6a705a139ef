package dev.eddy.observe.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.security.SecretCipher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Alert rules, channels (their secret encrypted), firings and silences in Eddy's store. */
@Repository
class AlertStore {
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};
    private static final String EVENT_COLUMNS = "id, rule, rule_name, severity, subject, subject_label, summary, value, "
            + "fired_at, resolved_at, notified_at, delivery";
    private static final RowMapper<AlertRule> RULE = (rs, i) -> new AlertRule(rs.getLong("id"), rs.getString("name"),
            AlertCondition.valueOf(rs.getString("condition")), rs.getString("target"), rs.getDouble("threshold"),
            Duration.ofSeconds(rs.getInt("window_seconds")), Duration.ofSeconds(rs.getInt("for_seconds")),
            Severity.valueOf(rs.getString("severity")), Arrays.asList((String[]) rs.getArray("channels").getArray()),
            rs.getBoolean("enabled"));
    private static final RowMapper<AlertEvent> EVENT = (rs, i) -> new AlertEvent(rs.getLong("id"),
            (Long) rs.getObject("rule"), rs.getString("rule_name"), Severity.valueOf(rs.getString("severity")),
            rs.getString("subject"), rs.getString("subject_label"), rs.getString("summary"),
            (Double) rs.getObject("value"), instant(rs, "fired_at"), instant(rs, "resolved_at"),
            instant(rs, "notified_at"), rs.getString("delivery"));
    private final JdbcTemplate jdbc;
    private final SecretCipher cipher;
    private final ObjectMapper json;

    AlertStore(JdbcTemplate jdbc, SecretCipher cipher, ObjectMapper json) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
    }

    List<AlertRule> rules() {
        return jdbc.query("SELECT * FROM alert_rule ORDER BY name", RULE);
    }

    Optional<AlertRule> rule(String name) {
        return jdbc.query("SELECT * FROM alert_rule WHERE name = ?", RULE, name).stream().findFirst();
    }

    /** Saves a new rule, or the rule with {@code rule.id()} under its (maybe new) name. */
    void save(AlertRule rule) {
        Object[] values = {rule.name(), rule.condition().name(), rule.target(), rule.threshold(),
                (int) rule.window().toSeconds(), (int) rule.holdFor().toSeconds(), rule.severity().name(),
                rule.channels().toArray(String[]::new), rule.enabled()};
        if (rule.id() == null) {
            jdbc.update("INSERT INTO alert_rule (name, condition, target, threshold, window_seconds, for_seconds, severity, "
                    + "channels, enabled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
        } else {
            Object[] withId = Arrays.copyOf(values, values.length + 1);
            withId[values.length] = rule.id();
            jdbc.update("UPDATE alert_rule SET name = ?, condition = ?, target = ?, threshold = ?, window_seconds = ?, "
                    + "for_seconds = ?, severity = ?, channels = ?, enabled = ?, updated_at = now() WHERE id = ?", withId);
        }
    }

    boolean deleteRule(String name) {
        return jdbc.update("DELETE FROM alert_rule WHERE name = ?", name) > 0;
    }

    List<AlertChannel> channels() {
        return jdbc.query("SELECT id, name, kind, settings, secrets IS NOT NULL AS secret_set, settings->>'shownAs' AS shown "
                + "FROM alert_channel ORDER BY name", (rs, i) -> channel(rs));
    }

    Optional<AlertChannel> channel(String name) {
        return channels().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The decrypted secret of one channel: for sending, never for showing. */
    Optional<String> secret(String channel) {
        List<byte[]> sealed = jdbc.query("SELECT secrets FROM alert_channel WHERE name = ?", (rs, i) -> rs.getBytes(1), channel);
        if (sealed.isEmpty() || sealed.get(0) == null) {
            return Optional.empty();
        }
        return Optional.of(cipher.decrypt(sealed.get(0), context(channel)));
    }

    /** Saves the channel; a null secret keeps the one kept, under {@code previousName} when it is renamed. */
    void save(ChannelDraft draft, String previousName, String secret) {
        Map<String, String> settings = new java.util.TreeMap<>(draft.settings());
        if (draft.kind() == ChannelKind.WEBHOOK && secret != null) {
            settings.put("shownAs", ChannelDraft.shownAs(secret));
        } else if (draft.kind() == ChannelKind.WEBHOOK && previousName != null) {
            channel(previousName).ifPresent(c -> settings.put("shownAs", c.shownAs()));
        }
        String kept = secret != null ? secret : previousName == null ? null : secret(previousName).orElse(null);
        byte[] sealed = kept == null ? null : cipher.encrypt(kept, context(draft.name()));
        if (previousName == null) {
            jdbc.update("INSERT INTO alert_channel (name, kind, settings, secrets) VALUES (?, ?, ?::jsonb, ?)",
                    draft.name(), draft.kind().name(), write(settings), sealed);
        } else {
            jdbc.update("UPDATE alert_channel SET name = ?, kind = ?, settings = ?::jsonb, secrets = ?, updated_at = now() "
                    + "WHERE name = ?", draft.name(), draft.kind().name(), write(settings), sealed, previousName);
            if (!previousName.equals(draft.name())) {
                jdbc.update("UPDATE alert_rule SET channels = array_replace(channels, ?, ?)", previousName, draft.name());
            }
        }
    }

    boolean deleteChannel(String name) {
        return jdbc.update("DELETE FROM alert_channel WHERE name = ?", name) > 0;
    }

    /** The rules that tell a channel. */
    List<String> rulesTelling(String channel) {
        return jdbc.queryForList("SELECT name FROM alert_rule WHERE ? = ANY (channels) ORDER BY name", String.class, channel);
    }

    List<AlertEvent> open() {
        return jdbc.query("SELECT " + EVENT_COLUMNS + " FROM alert_event WHERE resolved_at IS NULL", EVENT);
    }

    /** The newest firings first, open ones and resolved ones. */
    List<AlertEvent> history(int limit) {
        return jdbc.query("SELECT " + EVENT_COLUMNS + " FROM alert_event ORDER BY resolved_at IS NOT NULL, fired_at DESC, id DESC "
                + "LIMIT ?", EVENT, Math.max(1, Math.min(limit, 10_000)));
    }

    AlertEvent fire(AlertRule rule, Observation seen, Instant at) {
        Long id = jdbc.queryForObject("INSERT INTO alert_event (rule, rule_name, severity, subject, subject_label, summary, "
                + "value, fired_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", Long.class, rule.id(), rule.name(),
                rule.severity().name(), seen.subject(), seen.label(), seen.summary(), seen.value(), Timestamp.from(at));
        return jdbc.queryForObject("SELECT " + EVENT_COLUMNS + " FROM alert_event WHERE id = ?", EVENT, id);
    }

    void update(long event, Observation seen) {
        jdbc.update("UPDATE alert_event SET summary = ?, value = ? WHERE id = ?", seen.summary(), seen.value(), event);
    }

    void notified(long event, Instant at, String delivery) {
        jdbc.update("UPDATE alert_event SET notified_at = ?, delivery = ? WHERE id = ?", Timestamp.from(at), delivery, event);
    }

    void resolve(long event, Instant at, String summary) {
        jdbc.update("UPDATE alert_event SET resolved_at = ?, summary = coalesce(?, summary) WHERE id = ?",
                Timestamp.from(at), summary, event);
    }

    List<Silence> silences(Instant endingAfter) {
        return jdbc.query("SELECT s.id, s.rule, r.name AS rule_name, s.ends_at, s.reason, s.created_by, s.created_at "
                + "FROM alert_silence s LEFT JOIN alert_rule r ON r.id = s.rule WHERE s.ends_at > ? ORDER BY s.ends_at",
                (rs, i) -> new Silence(rs.getLong("id"), (Long) rs.getObject("rule"), rs.getString("rule_name"),
                        instant(rs, "ends_at"), rs.getString("reason"), rs.getString("created_by"), instant(rs, "created_at")),
                Timestamp.from(endingAfter));
    }

    void silence(Long rule, Instant endsAt, String reason, String by) {
        jdbc.update("INSERT INTO alert_silence (rule, ends_at, reason, created_by) VALUES (?, ?, ?, ?)", rule,
                Timestamp.from(endsAt), reason, by);
    }

    boolean endSilence(long id, Instant at) {
        return jdbc.update("UPDATE alert_silence SET ends_at = ? WHERE id = ? AND ends_at > ?", Timestamp.from(at), id,
                Timestamp.from(at)) > 0;
    }

    private AlertChannel channel(ResultSet rs) throws SQLException {
        Map<String, String> settings = new java.util.TreeMap<>(read(rs.getString("settings")));
        settings.remove("shownAs");
        return new AlertChannel(rs.getLong("id"), rs.getString("name"), ChannelKind.valueOf(rs.getString("kind")), settings,
                rs.getBoolean("secret_set"), rs.getString("shown"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** Binds a sealed secret to its channel, so one channel's ciphertext cannot be pasted into another's row. */
    private static String context(String channel) {
        return "alert-channel:" + channel;
    }

    private Map<String, String> read(String text) {
        try {
            return json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An alert channel's settings in the store are not JSON", e);
        }
    }

    private String write(Map<String, String> settings) {
        try {
            return json.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
