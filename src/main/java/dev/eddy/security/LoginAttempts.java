package dev.eddy.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Locks a user out after repeated wrong passwords, for a time that doubles with each further
 * failure: guessing becomes slow while the real user, who knows the password, waits at most minutes.
 */
@Component
class LoginAttempts {
    static final int FREE_ATTEMPTS = 5;
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
    private static final Logger log = LoggerFactory.getLogger(LoginAttempts.class);
    private final UserRepository users;
    private final AuditLog audit;
    private final Clock clock;

    LoginAttempts(UserRepository users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
        this.clock = Clock.systemUTC();
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        String name = String.valueOf(event.getAuthentication().getPrincipal());
        int failures = users.loginFailed(name);
        if (failures == 0) {
            log.info("Failed login for an unknown user name");
            audit.recordAs(name, "Sign in", null, AuditEntry.Outcome.FAILED, "no such user");
            return;
        }
        audit.recordAs(name, "Sign in", null, AuditEntry.Outcome.FAILED, "wrong password (" + failures + " in a row)");
        lockFor(failures).ifPresentOrElse(lock -> {
            users.lockUntil(name, Instant.now(clock).plus(lock));
            log.warn("Failed login {} in a row for {}: locked for {} s", failures, name, lock.toSeconds());
        }, () -> log.info("Failed login {} in a row for {}", failures, name));
    }

    @EventListener
    void refused(AbstractAuthenticationFailureEvent event) {
        if (event instanceof AuthenticationFailureBadCredentialsEvent) {
            return;
        }
        audit.recordAs(String.valueOf(event.getAuthentication().getPrincipal()), "Sign in", null,
                AuditEntry.Outcome.REFUSED, event.getException().getMessage());
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        users.loginSucceeded(event.getAuthentication().getName());
        audit.recordAs(event.getAuthentication().getName(), "Sign in", null, AuditEntry.Outcome.OK, null);
    }

    /** How long the account refuses logins after this many failures in a row. */
    static java.util.Optional<Duration> lockFor(int failures) {
        if (failures < FREE_ATTEMPTS) {
            return java.util.Optional.empty();
        }
        int doublings = Math.min(failures - FREE_ATTEMPTS, 10);
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return java.util.Optional.of(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock);
    }
}
