package dev.eddy.security;

import java.time.Instant;

/** A personal API token as its owner sees it: never the token itself, which is shown once. */
public record ApiToken(long id, String username, String name, Role role, Instant createdAt, Instant expiresAt,
        Instant lastUsedAt) {

    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
