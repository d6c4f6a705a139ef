package dev.eddy.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How an OpenID Connect provider's users get Eddy's roles (the provider itself is Spring's
 * {@code spring.security.oauth2.client.registration/provider.*}).
 *
 * @param usernameClaim the claim that names the user in Eddy (history, audit, tokens)
 * @param rolesClaim the claim listing the user's groups (a list, or one string)
 * @param adminGroups groups whose members are admins
 * @param developerGroups groups whose members are developers
 * @param viewerGroups groups whose members are viewers
 * @param defaultRole the role of a user in none of those groups: {@code NONE} refuses them
 */
@ConfigurationProperties("eddy.oidc")
public record OidcProperties(
        @DefaultValue("preferred_username") String usernameClaim,
        @DefaultValue("groups") String rolesClaim,
        @DefaultValue("eddy-admins") List<String> adminGroups,
        @DefaultValue("eddy-developers") List<String> developerGroups,
        @DefaultValue("eddy-viewers") List<String> viewerGroups,
        @DefaultValue("NONE") String defaultRole) {

    /** The highest role the groups give, or the default; empty when the user gets none. */
    java.util.Optional<Role> roleFor(java.util.Collection<String> groups) {
        if (groups.stream().anyMatch(adminGroups::contains)) {
            return java.util.Optional.of(Role.ADMIN);
        }
        if (groups.stream().anyMatch(developerGroups::contains)) {
            return java.util.Optional.of(Role.DEVELOPER);
        }
        if (groups.stream().anyMatch(viewerGroups::contains)) {
            return java.util.Optional.of(Role.VIEWER);
        }
        return "NONE".equalsIgnoreCase(defaultRole) ? java.util.Optional.empty()
                : java.util.Optional.of(Role.valueOf(defaultRole.toUpperCase(java.util.Locale.ROOT)));
    }
}
