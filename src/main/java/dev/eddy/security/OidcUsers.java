package dev.eddy.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Turns a user the OpenID Connect provider signed in into an Eddy user: the role from their
 * groups, a row in Eddy's store kept in step at each sign-in (so admins see, disable and audit
 * them like everyone else, and their API tokens work), the name from the configured claim.
 */
final class OidcUsers extends OidcUserService {
    private final OidcProperties properties;
    private final UserService users;
    private final AuditLog audit;

    OidcUsers(OidcProperties properties, UserService users, AuditLog audit) {
        this.properties = properties;
        this.users = users;
        this.audit = audit;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser signedIn = super.loadUser(request);
        Object name = signedIn.getClaims().get(properties.usernameClaim());
        if (name == null || name.toString().isBlank()) {
            throw refused(signedIn.getSubject(), "The sign-in provider sent no '" + properties.usernameClaim() + "' claim to name you by. "
                    + "An admin can pick another claim (eddy.oidc.username-claim).");
        }
        Role role = properties.roleFor(groups(signedIn.getClaims().get(properties.rolesClaim())))
                .orElseThrow(() -> refused(name.toString(), "You signed in, but none of your groups gives you a role in Eddy. Ask an "
                        + "admin to add you to one of " + String.join(", ", properties.adminGroups())
                        + ", " + String.join(", ", properties.developerGroups()) + " or "
                        + String.join(", ", properties.viewerGroups()) + "."));
        try {
            users.syncSingleSignOn(name.toString(), role);
        } catch (UserException e) {
            throw refused(name.toString(), e.getMessage());
        }
        return new DefaultOidcUser(Set.of(new SimpleGrantedAuthority(role.authority())), signedIn.getIdToken(),
                signedIn.getUserInfo(), properties.usernameClaim());
    }

    private static Collection<String> groups(Object claim) {
        if (claim instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).toList();
        }
        return claim == null ? List.of() : List.of(String.valueOf(claim));
    }

    private OAuth2AuthenticationException refused(String who, String why) {
        audit.recordAs(who == null ? "unknown" : who, "Single sign-on", null, AuditEntry.Outcome.REFUSED, why);
        return new OAuth2AuthenticationException(new OAuth2Error("access_denied", why, null), why);
    }
}
