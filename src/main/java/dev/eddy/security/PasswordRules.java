package dev.eddy.security;

import java.util.Optional;
import java.util.regex.Pattern;

/** What a user name and a password must be, said the same way on every page. */
public final class PasswordRules {
    public static final int MIN_LENGTH = 10;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private PasswordRules() {}

    /** Why the password is not good enough, or empty when it is. */
    public static Optional<String> problem(String username, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("A password needs at least " + MIN_LENGTH + " characters.");
        }
        if (password.length() > 128) {
            return Optional.of("A password can have at most 128 characters.");
        }
        if (username != null && password.equalsIgnoreCase(username)) {
            return Optional.of("The password cannot be the user name.");
        }
        return Optional.empty();
    }

    /** Why the user name cannot be used, or empty when it can. */
    public static Optional<String> nameProblem(String username) {
        if (username == null || !NAME.matcher(username).matches()) {
            return Optional.of("A user name has 1 to 64 letters, digits or . _ @ - (no spaces).");
        }
        return Optional.empty();
    }
}
