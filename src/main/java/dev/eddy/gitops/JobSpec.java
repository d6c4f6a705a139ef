package dev.eddy.gitops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * A job in a spec: its statement, the settings that differ from Eddy's defaults (a key set to
 * nothing removes a default), whether it should run, and how a change that runs is brought in.
 *
 * @param state {@code running} (the default) or {@code stopped}
 * @param upgrade {@code savepoint} (the default: stop with a savepoint, start the new version from
 *     it), {@code last-state} (cancel and start from the latest checkpoint) or {@code stateless}
 *     (start the new version without its old state, keeping only the Kafka positions it had reached)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "description", "sql", "settings", "state", "upgrade"})
public record JobSpec(String name, String description, String sql, Map<String, String> settings, String state,
        String upgrade) {
    public JobSpec {
        settings = settings == null ? Map.of() : new java.util.TreeMap<>(settings);
    }

    /** How a running job's change is brought in. */
    public enum Upgrade {
        SAVEPOINT, LAST_STATE, STATELESS;

        public String word() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    public boolean running() {
        return state == null || state.isBlank() || "running".equalsIgnoreCase(state.strip());
    }

    public Upgrade upgradeMode() {
        if (upgrade == null || upgrade.isBlank()) {
            return Upgrade.SAVEPOINT;
        }
        return Upgrade.valueOf(upgrade.strip().toUpperCase().replace('-', '_'));
    }
}
