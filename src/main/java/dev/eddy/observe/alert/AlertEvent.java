package dev.eddy.observe.alert;

import java.time.Instant;

/**
 * A firing of a rule for one subject (a job, an integration): open while {@code resolvedAt} is null.
 * {@code notifiedAt} is when its channels were last told, null while a silence kept them quiet;
 * {@code delivery} says which channel could not be reached, if one could not.
 */
public record AlertEvent(long id, Long rule, String ruleName, Severity severity, String subject, String subjectLabel,
        String summary, Double value, Instant firedAt, Instant resolvedAt, Instant notifiedAt, String delivery) {
    public boolean firing() {
        return resolvedAt == null;
    }
}
