package dev.eddy.integration;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which stored secrets an edited integration keeps when their fields are left empty: none once an
 * address field changed (hosts, ports, database, protocol, registry, trusted certificates), so a
 * stored password never follows an edited host; a credential whose user changed loses its password.
 */
final class SecretCarryOver {
    private static final Set<String> USERS = Set.of(Credentials.READ_USER, Credentials.WRITE_USER);

    private SecretCarryOver() {}

    static Map<String, String> kept(Integration stored, IntegrationDraft draft, Map<String, String> secrets) {
        if (stored.kind() != draft.kind()) {
            return Map.of();
        }
        Set<String> keys = new HashSet<>(stored.settings().keySet());
        keys.addAll(draft.settings().keySet());
        keys.removeAll(USERS);
        for (String key : keys) {
            if (!same(stored.settings().get(key), draft.settings().get(key))) {
                return Map.of();
            }
        }
        Map<String, String> kept = new HashMap<>(secrets);
        if (!same(stored.settings().get(Credentials.READ_USER), draft.settings().get(Credentials.READ_USER))) {
            kept.remove(Credentials.READ_PASSWORD);
        }
        if (!same(stored.settings().get(Credentials.WRITE_USER), draft.settings().get(Credentials.WRITE_USER))) {
            kept.remove(Credentials.WRITE_PASSWORD);
        }
        return kept;
    }

    private static boolean same(String a, String b) {
        return Objects.equals(a == null ? "" : a.strip(), b == null ? "" : b.strip());
    }
}
