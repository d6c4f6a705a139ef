package dev.eddy.observe.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what a rule sees into steps: fire once its condition has held for the rule's duration, keep
 * quiet while it stays firing (but remind after the reminder interval, and tell late what a silence
 * kept quiet), resolve when it no longer holds or its subject is gone. Remembers only conditions
 * that hold but have not yet held long enough; firings themselves are the store's open events.
 */
final class Evaluation {
    /** What to do for one subject. {@code tell} says whether the rule's channels are told now, and as what. */
    sealed interface Step permits Fire, Keep, Resolve {}

    record Fire(Observation seen, boolean tell) implements Step {}

    record Keep(AlertEvent event, Observation seen, AlertMessage.Kind tell) implements Step {}

    record Resolve(AlertEvent event, Observation seen, boolean tell) implements Step {}

    private final Map<String, Instant> pendingSince = new HashMap<>();

    /**
     * @param open the rule's open events by subject
     * @param silenced whether a silence covers the rule now
     * @param remindEvery how long a firing stays untold again; zero never reminds
     */
    synchronized List<Step> evaluate(AlertRule rule, List<Observation> seen, Map<String, AlertEvent> open, boolean silenced,
            Instant now, Duration remindEvery) {
        Map<String, AlertEvent> left = new HashMap<>(open);
        List<Step> steps = new ArrayList<>();
        String prefix = rule.id() + "/";
        pendingSince.keySet().removeIf(k -> k.startsWith(prefix)
                && seen.stream().noneMatch(o -> k.equals(prefix + o.subject()) && (o.holds() || !o.known())));
        for (Observation o : seen) {
            AlertEvent event = left.remove(o.subject());
            String key = prefix + o.subject();
            if (!o.known()) {
                continue;
            }
            if (!o.holds()) {
                if (event != null) {
                    steps.add(new Resolve(event, o, event.notifiedAt() != null));
                }
                continue;
            }
            if (event != null) {
                AlertMessage.Kind tell = null;
                if (!silenced && event.notifiedAt() == null) {
                    tell = AlertMessage.Kind.FIRING;
                } else if (!silenced && !remindEvery.isZero()
                        && !now.isBefore(event.notifiedAt().plus(remindEvery))) {
                    tell = AlertMessage.Kind.REMINDER;
                }
                steps.add(new Keep(event, o, tell));
                continue;
            }
            Instant since = pendingSince.computeIfAbsent(key, k -> now);
            if (!now.isBefore(since.plus(rule.holdFor()))) {
                pendingSince.remove(key);
                steps.add(new Fire(o, !silenced));
            }
        }
        for (AlertEvent gone : left.values()) {
            steps.add(new Resolve(gone, null, gone.notifiedAt() != null));
        }
        return steps;
    }

    /** Forgets what a deleted or changed rule had pending. */
    synchronized void forget(long rule) {
        pendingSince.keySet().removeIf(k -> k.startsWith(rule + "/"));
    }
}
