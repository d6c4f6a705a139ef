package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.support.EddyIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Personal API tokens: made by their user, shown once, kept as a fingerprint, as strong as their user now. */
@EddyIntegrationTest
class ApiTokenServiceIT {
    @Autowired
    ApiTokenService tokens;
    @Autowired
    UserService users;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aTokenIsShownOnceKeptAsAFingerprintAndActsAsItsUser() {
        users.add("tina", "tina's long password", Role.DEVELOPER);
        as("tina", Role.DEVELOPER);
        ApiTokenService.Created made = tokens.create("laptop", Role.VIEWER, Duration.ofDays(30));

        assertThat(made.secret()).startsWith("eddy_").hasSizeGreaterThan(40);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_token WHERE token_hash LIKE ?", Long.class,
                "%" + made.secret().substring(5, 20) + "%")).as("the secret is not stored").isZero();
        assertThat(tokens.mine()).extracting(ApiToken::name).containsExactly("laptop");
        Authentication auth = tokens.authenticate(made.secret()).orElseThrow();
        assertThat(auth.getName()).isEqualTo("tina");
        assertThat(Role.highestOf(auth.getAuthorities())).as("the token's scope, below tina's role").hasValue(Role.VIEWER);
        assertThat(tokens.authenticate(made.secret() + "x")).isEmpty();
        assertThat(tokens.authenticate("Bearer " + made.secret())).isEmpty();
    }

    @Test
    void aTokenCannotActAboveItsUserNowNorOutliveARevocationOrItsExpiry() {
        users.add("uli", "uli's long password", Role.DEVELOPER);
        as("uli", Role.DEVELOPER);
        assertThatThrownBy(() -> tokens.create("power", Role.ADMIN, Duration.ofDays(30)))
                .isInstanceOf(UserException.class).hasMessage("A token can act as developer at most, your own role.");
        assertThatThrownBy(() -> tokens.create("forever", Role.DEVELOPER, Duration.ofDays(4000)))
                .isInstanceOf(UserException.class).hasMessageContaining("a day up to a year");
        ApiTokenService.Created made = tokens.create("ci", Role.DEVELOPER, Duration.ofDays(30));

        as("admin", Role.ADMIN);
        users.setRole("uli", Role.VIEWER);
        assertThat(Role.highestOf(tokens.authenticate(made.secret()).orElseThrow().getAuthorities()))
                .as("demoted, the token follows").hasValue(Role.VIEWER);
        users.setEnabled("uli", false);
        assertThat(tokens.authenticate(made.secret())).as("a disabled user's token").isEmpty();
        users.setEnabled("uli", true);

        jdbc.update("UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = ?", made.token().id());
        assertThat(tokens.authenticate(made.secret())).as("expired").isEmpty();
        jdbc.update("UPDATE api_token SET expires_at = now() + interval '1 day' WHERE id = ?", made.token().id());
        assertThat(tokens.authenticate(made.secret())).isPresent();

        as("uli", Role.VIEWER);
        tokens.revoke(made.token().id());
        assertThat(tokens.authenticate(made.secret())).as("revoked").isEmpty();
        assertThat(tokens.mine()).isEmpty();
    }

    @Test
    void nobodyRevokesAnotherUsersTokenButAnAdmin() {
        users.add("vic", "vic's long password", Role.DEVELOPER);
        users.add("wes", "wes's long password", Role.DEVELOPER);
        as("vic", Role.DEVELOPER);
        long id = tokens.create("vic's", Role.DEVELOPER, Duration.ofDays(1)).token().id();
        as("wes", Role.DEVELOPER);
        assertThatThrownBy(() -> tokens.revoke(id)).isInstanceOf(UserException.class).hasMessageStartingWith("No such token");
        as("admin", Role.ADMIN);
        tokens.revoke(id);
    }

    private static void as(String name, Role role) {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(name, "n/a", role.authority()));
    }
}
