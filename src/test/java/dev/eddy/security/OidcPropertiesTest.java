package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OidcPropertiesTest {
    private final OidcProperties mapping = new OidcProperties("preferred_username", "groups", List.of("ops"),
            List.of("data-eng", "analytics"), List.of("staff"), "NONE");

    @Test
    void theHighestRoleAnyGroupGivesWins() {
        assertThat(mapping.roleFor(List.of("staff", "analytics"))).hasValue(Role.DEVELOPER);
        assertThat(mapping.roleFor(List.of("analytics", "ops"))).hasValue(Role.ADMIN);
        assertThat(mapping.roleFor(List.of("staff"))).hasValue(Role.VIEWER);
    }

    @Test
    void aUserInNoKnownGroupGetsTheDefaultRoleOrNone() {
        assertThat(mapping.roleFor(List.of("sales"))).isEmpty();
        assertThat(mapping.roleFor(List.of())).isEmpty();
        OidcProperties open = new OidcProperties("email", "groups", List.of(), List.of(), List.of(), "viewer");
        assertThat(open.roleFor(List.of("sales"))).hasValue(Role.VIEWER);
    }
}
