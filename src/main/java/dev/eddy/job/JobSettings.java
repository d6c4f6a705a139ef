package dev.eddy.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.util.TimeUtils;

/**
 * A job's own Flink options ({@code SET}-able keys): parallelism, checkpointing, restart strategy,
 * state TTL and anything else; applied to the job's statement only.
 */
public record JobSettings(Map<String, String> options) {
    public static final String PARALLELISM = "parallelism.default";
    public static final String CHECKPOINT_INTERVAL = "execution.checkpointing.interval";
    public static final String CHECKPOINT_MODE = "execution.checkpointing.mode";
    public static final String RESTART_STRATEGY = "restart-strategy.type";
    public static final String STATE_TTL = "table.exec.state.ttl";
    /** Options Eddy sets itself for every run: a user value would break restarts or naming. */
    static final Set<String> OWNED = Set.of("pipeline.name", "execution.state-recovery.path",
            "execution.state-recovery.ignore-unclaimed-state", "execution.checkpointing.externalized-checkpoint-retention",
            "table.dml-sync", "execution.runtime-mode");
    private static final Set<String> RESTART_TYPES = Set.of("none", "off", "disable", "fixed-delay", "failure-rate",
            "exponential-delay");
    private static final Set<String> DURATIONS = Set.of(CHECKPOINT_INTERVAL, STATE_TTL,
            "restart-strategy.failure-rate.failure-rate-interval", "restart-strategy.failure-rate.delay",
            "restart-strategy.fixed-delay.delay", "execution.checkpointing.timeout");

    public JobSettings {
        options = Collections.unmodifiableMap(new TreeMap<>(options));
    }

    /**
     * Checkpoints every 10 s, exactly once, restarts at most 3 times in 5 minutes: what a pipeline
     * needs. Aggregations and joins work in mini-batches of up to 1 s: one update per key and batch
     * instead of one per row, which makes a Kafka → GROUP BY → PostgreSQL upsert pipeline about six
     * times faster (docs/benchmarks.md) for at most a second more latency.
     */
    public static JobSettings defaults() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("table.exec.mini-batch.enabled", "true");
        o.put("table.exec.mini-batch.allow-latency", "1 s");
        o.put("table.exec.mini-batch.size", "5000");
        o.put(CHECKPOINT_INTERVAL, "10 s");
        o.put(CHECKPOINT_MODE, "EXACTLY_ONCE");
        o.put(RESTART_STRATEGY, "failure-rate");
        o.put("restart-strategy.failure-rate.max-failures-per-interval", "3");
        o.put("restart-strategy.failure-rate.failure-rate-interval", "5 min");
        o.put("restart-strategy.failure-rate.delay", "10 s");
        return new JobSettings(o);
    }

    public String get(String key) {
        return options.getOrDefault(key, "");
    }

    public JobSettings with(String key, String value) {
        Map<String, String> o = new TreeMap<>(options);
        if (value == null || value.isBlank()) {
            o.remove(key);
        } else {
            o.put(key, value.strip());
        }
        return new JobSettings(o);
    }

    /** What is wrong with the settings, in words; empty when they can be used. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        options.forEach((key, value) -> {
            if (key.isBlank()) {
                problems.add("A setting has a value (" + value + ") but no key.");
            } else if (OWNED.contains(key)) {
                problems.add("'" + key + "' is set by Eddy for every run of a job; remove it from the settings.");
            } else if (value.isBlank()) {
                problems.add("'" + key + "' has no value.");
            } else if (DURATIONS.contains(key) && !isDuration(value)) {
                problems.add("'" + key + "' must be a duration such as 10 s, 5 min or 1 h, not '" + value + "'.");
            }
        });
        String parallelism = get(PARALLELISM);
        if (!parallelism.isEmpty() && !isPositiveInt(parallelism)) {
            problems.add("Parallelism must be a whole number of 1 or more, not '" + parallelism + "'.");
        }
        String mode = get(CHECKPOINT_MODE);
        if (!mode.isEmpty() && !mode.equals("EXACTLY_ONCE") && !mode.equals("AT_LEAST_ONCE")) {
            problems.add("Checkpoint mode must be EXACTLY_ONCE or AT_LEAST_ONCE, not '" + mode + "'.");
        }
        String restart = get(RESTART_STRATEGY);
        if (!restart.isEmpty() && !RESTART_TYPES.contains(restart)) {
            problems.add("Restart strategy must be one of failure-rate, fixed-delay, exponential-delay or none, not '"
                    + restart + "'.");
        }
        return problems;
    }

    private static boolean isDuration(String value) {
        try {
            TimeUtils.parseDuration(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isPositiveInt(String value) {
        try {
            return Integer.parseInt(value.strip()) >= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
