package dev.eddy.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Service;

/**
 * Personal API tokens: each user makes their own, scoped to a role no higher than theirs, with an
 * expiry; the token is shown once and only its SHA-256 is kept. A token acts as its user, so a
 * disabled user's or a demoted user's tokens lose their power with them.
 */
@Service
public class ApiTokenService {
    /** What every token starts with: a secret scanner (or a person) can tell it is Eddy's. */
    public static final String PREFIX = "eddy_";
    private static final int MAX_NAME = 60;
    private static final Duration LONGEST = Duration.ofDays(366);
    private final ApiTokenRepository tokens;
    private final UserRepository users;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    ApiTokenService(ApiTokenRepository tokens, UserRepository users, AuditLog audit) {
        this.tokens = tokens;
        this.users = users;
        this.audit = audit;
    }

    /** A token just made: the secret, to show once, and what is kept of it. */
    public record Created(String secret, ApiToken token) {}

    /** Makes a token for the acting user; {@code validFor} of at most a year. */
    @Requires(value = Role.VIEWER, action = "Creating API tokens")
    public Created create(String name, Role role, Duration validFor) {
        Actor actor = CurrentUser.get().orElseThrow();
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > MAX_NAME) {
            throw new UserException("Give the token a name of 1 to " + MAX_NAME + " characters: what it is for, "
                    + "such as \"sql-client on my laptop\".");
        }
        if (role == null || !actor.role().includes(role)) {
            throw new UserException("A token can act as " + actor.role().label() + " at most, your own role.");
        }
        if (validFor == null || validFor.isNegative() || validFor.isZero() || validFor.compareTo(LONGEST) > 0) {
            throw new UserException("A token is valid for a day up to a year; make a new one when it expires.");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiToken token = tokens.insert(actor.name(), label, hash(secret), role, Instant.now().plus(validFor));
        return new Created(secret, token);
    }

    /** The acting user's tokens that are not revoked (expired ones too, marked by their date). */
    @Requires(Role.VIEWER)
    public List<ApiToken> mine() {
        return tokens.live(CurrentUser.get().orElseThrow().name());
    }

    /** Revokes one of the acting user's tokens (admins may revoke anybody's). */
    @Requires(value = Role.VIEWER, action = "Revoking API tokens")
    public void revoke(long id) {
        Actor actor = CurrentUser.get().orElseThrow();
        ApiToken token = tokens.findLive(id).filter(t -> t.username().equalsIgnoreCase(actor.name())
                || actor.may(Role.ADMIN)).orElseThrow(() -> new UserException("No such token: it may be revoked already."));
        tokens.revoke(token.id());
    }

    /**
     * Who a bearer token acts as, with the lower of its role and its user's role now; empty (and
     * audited) for an unknown, revoked or expired token or a disabled user. Called before anyone is
     * signed in.
     */
    @Unauthenticated("checks the token that signs the caller in")
    public Optional<Authentication> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return refused("unknown token", "anonymous");
        }
        Optional<ApiToken> found = tokens.findLiveByHash(hash(secret.strip()));
        if (found.isEmpty()) {
            return refused("unknown or revoked token", "anonymous");
        }
        ApiToken token = found.get();
        if (token.expired(Instant.now())) {
            return refused("token '" + token.name() + "' expired", token.username());
        }
        Optional<EddyUser> user = users.find(token.username()).filter(EddyUser::enabled);
        if (user.isEmpty()) {
            return refused("the token's user is disabled or gone", token.username());
        }
        tokens.used(token.id());
        Role role = user.get().role().includes(token.role()) ? token.role() : user.get().role();
        return Optional.of(UsernamePasswordAuthenticationToken.authenticated(user.get().username(), null,
                List.of(new SimpleGrantedAuthority(role.authority()))));
    }

    private Optional<Authentication> refused(String why, String username) {
        audit.recordAs(username, "Sign in with an API token", null, AuditEntry.Outcome.FAILED, why);
        return Optional.empty();
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
