package dev.eddy.security;

import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The one place that reads who is acting, from Spring Security's context (Vaadin keeps it in the
 * session, so it holds inside {@code UI.access} too).
 */
public final class CurrentUser {
    private CurrentUser() {}

    /** The signed-in user acting on this thread, if any. */
    public static Optional<Actor> get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return Role.highestOf(auth.getAuthorities()).map(role -> new Actor(auth.getName(), role));
    }

    /** The acting user's name for records (history, audit), or "system" for Eddy's own work. */
    public static String nameOrSystem() {
        return get().map(Actor::name).orElse("system");
    }

    /**
     * The work, to run on another thread as the user acting now: services check roles on every
     * call, and a pool thread has no user of its own.
     */
    public static <T> Supplier<T> carrying(Supplier<T> work) {
        SecurityContext actor = SecurityContextHolder.getContext();
        return () -> {
            SecurityContext before = SecurityContextHolder.getContext();
            SecurityContextHolder.setContext(actor);
            try {
                return work.get();
            } finally {
                SecurityContextHolder.setContext(before);
            }
        };
    }

    public static Runnable carrying(Runnable work) {
        Supplier<Void> carried = carrying(() -> {
            work.run();
            return null;
        });
        return carried::get;
    }
}
