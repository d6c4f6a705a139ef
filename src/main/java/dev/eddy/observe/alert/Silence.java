package dev.eddy.observe.alert;

import java.time.Instant;

/** Keeps a rule's channels quiet (every rule's when {@code rule} is null) until {@code endsAt}; firings are still kept. */
public record Silence(long id, Long rule, String ruleName, Instant endsAt, String reason, String createdBy, Instant createdAt) {
    public boolean covers(long ruleId, Instant at) {
        return at.isBefore(endsAt) && (rule == null || rule == ruleId);
    }
}
