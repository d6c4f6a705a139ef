package dev.eddy.security;

import java.util.Map;

/**
 * The statement option that lets admins, and Eddy itself, write through integrations an admin
 * limited to reading for developers; Eddy's catalog refuses a sink there without it.
 */
public final class WriteTrust {
    /**
     * The statement option Eddy's catalog reads (as {@code ConnectionResolver.TRUSTED_WRITER}).
     * Developers cannot set it: {@code eddy.*} keys are never theirs to set (SqlPolicy).
     */
    public static final String KEY = "eddy.trusted-writer";

    private WriteTrust() {}

    /** The options to run the acting user's statement with: the trust, or nothing. */
    public static Map<String, String> options() {
        boolean trusted = CurrentUser.get().map(actor -> actor.may(Role.ADMIN)).orElse(true);
        return trusted ? Map.of(KEY, "true") : Map.of();
    }
}
