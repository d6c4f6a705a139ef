package dev.eddy.security;

import java.time.Instant;

/** A user as the Users page shows it: never the password hash. */
public record EddyUser(long id, String username, Role role, boolean enabled, int failedLogins, Instant lockedUntil,
        Instant lastLoginAt, Instant createdAt) {

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
