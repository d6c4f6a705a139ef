package dev.eddy.table;

import dev.eddy.security.CurrentUser;
import dev.eddy.security.Role;
import java.util.Map;

/**
 * The statement option that lets admins, and Eddy itself, write through integrations an admin
 * limited to reading for developers; Eddy's catalog refuses a sink there without it.
 */
public final class WriteTrust {
    private WriteTrust() {}

    /** The options to run the acting user's statement with: the trust, or nothing. */
    public static Map<String, String> options() {
        boolean trusted = CurrentUser.get().map(actor -> actor.may(Role.ADMIN)).orElse(true);
        return trusted ? Map.of(ConnectionResolver.TRUSTED_WRITER, "true") : Map.of();
    }
}
