package dev.eddy.security;

import java.time.Instant;

/** One line of the audit log. */
public record AuditEntry(long id, Instant at, String username, String action, String target, Outcome outcome,
        String detail) {

    public enum Outcome { OK, FAILED, REFUSED }
}
