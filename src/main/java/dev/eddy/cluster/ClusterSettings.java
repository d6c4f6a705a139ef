package dev.eddy.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.util.TimeUtils;

/**
 * The settings an admin gives the cluster, as Flink options: task slots and the state backend, which
 * the cluster's processes read when they start (a change restarts them), and the defaults every job
 * starts with (parallelism, restart strategy, checkpointing), which a job's own settings override.
 */
public record ClusterSettings(Map<String, String> options) {
    public static final String TASK_SLOTS = "taskmanager.numberOfTaskSlots";
    public static final String STATE_BACKEND = "state.backend.type";
    public static final String INCREMENTAL = "execution.checkpointing.incremental";
    public static final String PARALLELISM = "parallelism.default";
    public static final String RESTART_STRATEGY = "restart-strategy.type";
    public static final String CHECKPOINT_INTERVAL = "execution.checkpointing.interval";
    public static final String CHECKPOINT_MODE = "execution.checkpointing.mode";
    public static final String CHECKPOINT_TIMEOUT = "execution.checkpointing.timeout";
    public static final String CHECKPOINT_MIN_PAUSE = "execution.checkpointing.min-pause";
    /** Read by the cluster's processes at their start: changing one restarts the cluster. */
    public static final Set<String> CLUSTER_KEYS = Set.of(TASK_SLOTS, STATE_BACKEND, INCREMENTAL);
    private static final String FAILURE_RATE = "restart-strategy.failure-rate.";
    private static final String FIXED_DELAY = "restart-strategy.fixed-delay.";
    private static final String EXPONENTIAL = "restart-strategy.exponential-delay.";
    /** Each restart strategy's parameters: counts and durations, with what a person reads for each. */
    private static final Map<String, String> RESTART_PARAMETERS = Map.of(
            FAILURE_RATE + "max-failures-per-interval", "count",
            FAILURE_RATE + "failure-rate-interval", "duration",
            FAILURE_RATE + "delay", "duration",
            FIXED_DELAY + "attempts", "count",
            FIXED_DELAY + "delay", "duration",
            EXPONENTIAL + "initial-backoff", "duration",
            EXPONENTIAL + "max-backoff", "duration");
    private static final Set<String> RESTART_TYPES = Set.of("failure-rate", "fixed-delay", "exponential-delay", "none");

    public ClusterSettings {
        options = Collections.unmodifiableMap(new TreeMap<>(options));
    }

    /**
     * What a cluster starts with before any admin changed anything: {@code slots} and {@code parallelism}
     * as Eddy was started with, HashMap state, and the job defaults of the seed (failure-rate restarts,
     * exactly-once checkpoints every 10 s).
     */
    public static ClusterSettings seed(int slots, int parallelism, Map<String, String> jobDefaults) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put(TASK_SLOTS, String.valueOf(slots));
        o.put(STATE_BACKEND, "hashmap");
        o.put(INCREMENTAL, "false");
        o.put(PARALLELISM, String.valueOf(parallelism));
        o.put(CHECKPOINT_TIMEOUT, "10 min");
        o.put(CHECKPOINT_MIN_PAUSE, "0 s");
        jobDefaults.forEach((k, v) -> {
            if (k.startsWith("restart-strategy.") || k.equals(CHECKPOINT_INTERVAL) || k.equals(CHECKPOINT_MODE)) {
                o.put(k, v);
            }
        });
        return new ClusterSettings(o);
    }

    public String get(String key) {
        return options.getOrDefault(key, "");
    }

    /** These settings with {@code key} set (blank: removed). */
    public ClusterSettings with(String key, String value) {
        Map<String, String> o = new TreeMap<>(options);
        if (value == null || value.isBlank()) {
            o.remove(key);
        } else {
            o.put(key, value.strip());
        }
        return new ClusterSettings(o);
    }

    /** The settings the cluster's processes read at their start. */
    public Map<String, String> clusterLevel() {
        Map<String, String> o = new TreeMap<>();
        options.forEach((k, v) -> {
            if (CLUSTER_KEYS.contains(k)) {
                o.put(k, v);
            }
        });
        return o;
    }

    /** What every job starts with unless its own settings say otherwise; only the chosen strategy's parameters. */
    public Map<String, String> jobDefaults() {
        Map<String, String> o = new TreeMap<>();
        String strategy = get(RESTART_STRATEGY);
        options.forEach((k, v) -> {
            if (CLUSTER_KEYS.contains(k)) {
                return;
            }
            if (k.startsWith("restart-strategy.") && !k.equals(RESTART_STRATEGY)
                    && !k.startsWith("restart-strategy." + strategy + ".")) {
                return;
            }
            o.put(k, v);
        });
        return o;
    }

    /** Whether going from {@code before} to these settings needs the cluster's processes restarted. */
    public boolean needsClusterRestart(ClusterSettings before) {
        return !clusterLevel().equals(before.clusterLevel());
    }

    /** Each change from {@code before}, as "key: old → new". */
    public List<String> changesFrom(ClusterSettings before) {
        List<String> changes = new ArrayList<>();
        TreeMap<String, String> keys = new TreeMap<>(before.options);
        keys.putAll(options);
        keys.keySet().forEach(k -> {
            String was = before.get(k);
            String now = get(k);
            if (!was.equals(now)) {
                changes.add(k + ": " + (was.isEmpty() ? "(unset)" : was) + " → " + (now.isEmpty() ? "(unset)" : now));
            }
        });
        return changes;
    }

    /** What is wrong with the settings, in words naming each; empty when they can be applied. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        options.keySet().forEach(k -> {
            if (!CLUSTER_KEYS.contains(k) && !RESTART_PARAMETERS.containsKey(k) && !Set.of(PARALLELISM, RESTART_STRATEGY,
                    CHECKPOINT_INTERVAL, CHECKPOINT_MODE, CHECKPOINT_TIMEOUT, CHECKPOINT_MIN_PAUSE).contains(k)) {
                problems.add("'" + k + "' is not a cluster setting: set it on a job instead.");
            }
        });
        whole(problems, TASK_SLOTS, "Task slots per TaskManager", 1, 256);
        whole(problems, PARALLELISM, "Default parallelism", 1, 256);
        String backend = get(STATE_BACKEND);
        if (!backend.equals("hashmap") && !backend.equals("rocksdb")) {
            problems.add("State backend must be hashmap or rocksdb, not '" + backend + "'.");
        }
        String incremental = get(INCREMENTAL);
        if (!incremental.equals("true") && !incremental.equals("false")) {
            problems.add("Incremental checkpoints must be true or false, not '" + incremental + "'.");
        } else if (incremental.equals("true") && !backend.equals("rocksdb")) {
            problems.add("Incremental checkpoints need the rocksdb state backend; the hashmap one writes whole checkpoints.");
        }
        String strategy = get(RESTART_STRATEGY);
        if (!RESTART_TYPES.contains(strategy)) {
            problems.add("Restart strategy must be failure-rate, fixed-delay, exponential-delay or none, not '" + strategy + "'.");
        }
        RESTART_PARAMETERS.forEach((key, kind) -> {
            if (!options.containsKey(key)) {
                if (key.startsWith("restart-strategy." + strategy + ".")) {
                    problems.add("The " + strategy + " restart strategy needs '" + key + "'.");
                }
                return;
            }
            if (kind.equals("count")) {
                whole(problems, key, "'" + key + "'", 1, 10_000);
            } else {
                duration(problems, key, "'" + key + "'", Duration.ZERO);
            }
        });
        duration(problems, CHECKPOINT_INTERVAL, "The checkpoint interval", Duration.ofSeconds(1));
        duration(problems, CHECKPOINT_TIMEOUT, "The checkpoint timeout", Duration.ofSeconds(1));
        duration(problems, CHECKPOINT_MIN_PAUSE, "The minimum pause between checkpoints", Duration.ZERO);
        String mode = get(CHECKPOINT_MODE);
        if (!mode.equals("EXACTLY_ONCE") && !mode.equals("AT_LEAST_ONCE")) {
            problems.add("Checkpoint mode must be EXACTLY_ONCE or AT_LEAST_ONCE, not '" + mode + "'.");
        }
        return problems;
    }

    private void whole(List<String> problems, String key, String what, int min, int max) {
        String value = get(key);
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                problems.add(what + " must be between " + min + " and " + max + ", not " + n + ".");
            }
        } catch (NumberFormatException e) {
            problems.add(what + " must be a whole number" + (value.isEmpty() ? "." : ", not '" + value + "'."));
        }
    }

    private void duration(List<String> problems, String key, String what, Duration least) {
        String value = get(key);
        try {
            if (TimeUtils.parseDuration(value).compareTo(least) < 0) {
                problems.add(what + " must be at least " + TimeUtils.formatWithHighestUnit(least) + ", not " + value + ".");
            }
        } catch (IllegalArgumentException e) {
            problems.add(what + " must be a duration such as 10 s, 5 min or 1 h" + (value.isEmpty() ? "." : ", not '" + value + "'."));
        }
    }
}
