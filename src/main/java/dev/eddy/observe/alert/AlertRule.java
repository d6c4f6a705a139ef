package dev.eddy.observe.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule: what it watches ({@code target} names one job or integration, null every one), when it
 * fires (above {@code threshold}, counted over {@code window}, held for {@code holdFor}), how urgent
 * it is and where it is said. {@code id} is null for a rule not yet saved.
 */
public record AlertRule(Long id, String name, AlertCondition condition, String target, double threshold,
        Duration window, Duration holdFor, Severity severity, List<String> channels, boolean enabled) {
    static final Duration SHORTEST_WINDOW = Duration.ofMinutes(1);
    static final Duration LONGEST = Duration.ofDays(1);

    public AlertRule {
        channels = channels == null ? List.of() : List.copyOf(channels);
        window = window == null ? Duration.ofMinutes(10) : window;
        holdFor = holdFor == null ? Duration.ZERO : holdFor;
    }

    /** When it fires, in words: "more than 2 restarts in 10 min". */
    public String when() {
        return condition.when(threshold, window, holdFor);
    }

    /** What it watches, in words: "job orders-to-pg", "every job". */
    public String watches() {
        String kind = switch (condition.watches()) {
            case JOB -> "job";
            case INTEGRATION -> "integration";
            case PROCESS -> "process of the cluster";
        };
        return target == null ? "every " + kind : kind + " " + target;
    }

    /** What is wrong with it, in words; empty when it can be saved. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (name == null || !name.matches("[\\p{L}\\p{N} _.,:()/-]{1,80}")) {
            problems.add("Give the rule a name of 1 to 80 letters, digits, spaces and . , : ( ) / _ -");
        }
        if (condition == null) {
            problems.add("Choose what the rule watches");
        }
        if (severity == null) {
            problems.add("Choose a severity");
        }
        if (condition != null && condition.hasThreshold() && (!Double.isFinite(threshold) || threshold < 0)) {
            problems.add("Set the threshold to 0 or more (" + condition.unit() + ")");
        } else if (condition != null && condition.unit().startsWith("%") && threshold > 100) {
            problems.add("Set the threshold to a percentage from 0 to 100");
        }
        if (condition != null && condition.counts()
                && (window.compareTo(SHORTEST_WINDOW) < 0 || window.compareTo(LONGEST) > 0)) {
            problems.add("Count " + condition.unit() + " over 1 minute to 24 hours");
        }
        if (holdFor.isNegative() || holdFor.compareTo(LONGEST) > 0) {
            problems.add("The condition can be held for 0 seconds to 24 hours before the rule fires");
        }
        if (channels.isEmpty()) {
            problems.add("Choose at least one channel to tell");
        }
        return problems;
    }
}
