package dev.eddy.security;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.GrantedAuthority;

/** What a user may do in Eddy; each role includes the ones before it. */
public enum Role {
    /** Sees schema, tables, jobs and their figures; runs nothing, changes nothing. */
    VIEWER,
    /** Runs statements, creates and edits tables and jobs through the integrations admins allow. */
    DEVELOPER,
    /** Integrations, users, cluster settings, raw connection options, JARs, every job. */
    ADMIN;

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    public String authority() {
        return "ROLE_" + name();
    }

    /** The role's name as people read it: "developer". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The highest role among Spring Security authorities, if any is Eddy's. */
    public static Optional<Role> highestOf(Collection<? extends GrantedAuthority> authorities) {
        Role best = null;
        for (GrantedAuthority authority : authorities) {
            for (Role role : values()) {
                if (role.authority().equals(authority.getAuthority()) && (best == null || role.includes(best))) {
                    best = role;
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
