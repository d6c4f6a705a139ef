package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.support.EddyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.jdbc.core.JdbcTemplate;

@EddyIntegrationTest
class UserServiceIT {
    @Autowired
    UserService users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PasswordEncoder encoder;

    @Test
    void theFirstAdminComesFromTheEnvironmentVariableWithAHashedPassword() {
        EddyUser admin = users.find("admin").orElseThrow();
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        String hash = jdbc.queryForObject("SELECT password_hash FROM eddy_user WHERE username = 'admin'", String.class);
        assertThat(hash).startsWith("{bcrypt}").doesNotContain("it-admin-password");
        assertThat(encoder.matches("it-admin-password", hash)).isTrue();
        assertThat(users.needsFirstAdmin()).isFalse();
    }

    @Test
    void noSecondFirstAdminCanBeClaimedNotEvenFromThisMachine() {
        assertThatThrownBy(() -> users.createFirstAdmin("127.0.0.1", "mallory", "a long password"))
                .isInstanceOf(UserException.class).hasMessage("Eddy already has an admin: sign in instead.");
        assertThatThrownBy(() -> users.createFirstAdmin("192.0.2.7", "mallory", "a long password"))
                .isInstanceOf(UserException.class).hasMessageContaining("only be created from a browser on the machine");
        assertThat(users.find("mallory")).isEmpty();
    }

    @Test
    void anAdminAddsAUserWhoseNameIsUniqueWithoutRegardToCase() {
        users.add("Dana", "dana's password", Role.DEVELOPER);
        assertThatThrownBy(() -> users.add("dana", "another password", Role.VIEWER))
                .isInstanceOf(UserException.class).hasMessage("A user named dana already exists.");
        assertThatThrownBy(() -> users.add("eve", "short", Role.VIEWER))
                .isInstanceOf(UserException.class).hasMessage("A password needs at least 10 characters.");
        assertThat(users.list()).extracting(EddyUser::username).contains("Dana").doesNotContain("eve");
    }

    @Test
    void theOnlyAdminCannotBeDemotedOrDisabled() {
        assertThatThrownBy(() -> users.setRole("admin", Role.DEVELOPER))
                .isInstanceOf(UserException.class).hasMessageContaining("only admin");
        assertThatThrownBy(() -> users.setEnabled("admin", false))
                .isInstanceOf(UserException.class).hasMessageContaining("cannot disable yourself");
        assertThat(users.find("admin").orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void changingOnesOwnPasswordNeedsTheCurrentOne() {
        assertThatThrownBy(() -> users.changeOwnPassword("wrong", "a brand new password"))
                .isInstanceOf(UserException.class).hasMessage("The current password is not right.");
        users.changeOwnPassword("it-admin-password", "a brand new password");
        users.changeOwnPassword("a brand new password", "it-admin-password");
    }
}
