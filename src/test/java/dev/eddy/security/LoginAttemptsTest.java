package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginAttemptsTest {

    @Test
    void fourWrongPasswordsInARowDoNotLockAUser() {
        assertThat(LoginAttempts.lockFor(4)).isEmpty();
    }

    @Test
    void theFifthLocksForHalfAMinuteAndEachNextOneDoublesItUpToAQuarterHour() {
        assertThat(LoginAttempts.lockFor(5)).contains(Duration.ofSeconds(30));
        assertThat(LoginAttempts.lockFor(6)).contains(Duration.ofSeconds(60));
        assertThat(LoginAttempts.lockFor(8)).contains(Duration.ofSeconds(240));
        assertThat(LoginAttempts.lockFor(10)).contains(Duration.ofMinutes(15));
        assertThat(LoginAttempts.lockFor(500)).contains(Duration.ofMinutes(15));
    }

    @Test
    void passwordsShorterThanTenCharactersOrEqualToTheNameAreRefusedInWords() {
        assertThat(PasswordRules.problem("ann", "short")).contains("A password needs at least 10 characters.");
        assertThat(PasswordRules.problem("annabelle1", "ANNABELLE1")).contains("The password cannot be the user name.");
        assertThat(PasswordRules.problem("ann", "long enough pass")).isEmpty();
        assertThat(PasswordRules.nameProblem("ann smith")).isPresent();
        assertThat(PasswordRules.nameProblem("ann.smith@example.com")).isEmpty();
    }

    @Test
    void onlyLoopbackAddressesCountAsThisMachine() {
        assertThat(UserService.isLoopback("127.0.0.1")).isTrue();
        assertThat(UserService.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(UserService.isLoopback("10.1.2.3")).isFalse();
        assertThat(UserService.isLoopback("")).isFalse();
        assertThat(UserService.isLoopback(null)).isFalse();
    }

    @Test
    void aRefusalSaysWhichRoleIsNeededAndWhatToDo() {
        assertThat(Access.refusal(new Actor("vera", Role.VIEWER), Role.DEVELOPER, "Running statements"))
                .isEqualTo("Running statements needs the developer role; vera is a viewer. Ask an admin if you need it.");
    }
}
