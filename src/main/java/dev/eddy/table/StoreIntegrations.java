package dev.eddy.table;

import dev.eddy.integration.ConnectionOptions;
import dev.eddy.integration.Integration;
import dev.eddy.integration.IntegrationException;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.security.SecretCipher;
import dev.eddy.security.SecretException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Integrations read straight from Eddy's store, secrets decrypted with Eddy's key: how the catalog
 * jar inside a remote Flink gateway connects tables, with no Eddy process in between.
 */
final class StoreIntegrations implements TableConnections.Directory {
    private final StoreJdbc jdbc;
    private final SecretCipher cipher;

    StoreIntegrations(DataSource store, SecretCipher cipher) {
        this.jdbc = new StoreJdbc(store);
        this.cipher = cipher;
    }

    @Override
    public Optional<Integration> integration(String name) {
        return jdbc.query("SELECT id, name, kind, settings, built_in, developers_read_only FROM integration WHERE name = ?",
                rs -> new Integration(rs.getLong(1), rs.getString(2), IntegrationKind.valueOf(rs.getString(3)),
                        StoreJdbc.readMap(rs.getString(4)), Set.of(), rs.getBoolean(5), rs.getBoolean(6)), name)
                .stream().findFirst();
    }

    @Override
    public Map<String, String> connection(Integration integration, boolean write) {
        return ConnectionOptions.flinkTable(integration, secrets(integration.name()), write);
    }

    private Map<String, String> secrets(String name) {
        List<byte[]> rows = jdbc.query("SELECT secrets FROM integration WHERE name = ?", rs -> rs.getBytes(1), name);
        byte[] sealed = rows.isEmpty() ? null : rows.get(0);
        if (sealed == null) {
            return Map.of();
        }
        try {
            return StoreJdbc.readMap(cipher.decrypt(sealed, "integration:" + name));
        } catch (SecretException e) {
            throw new IntegrationException("The credentials of " + name + " cannot be read here: " + e.getMessage()
                    + " This Flink gateway needs the same secret key as Eddy (EDDY_SECURITY_SECRET_KEY, or "
                    + "'secret-key-file' pointing at a copy of Eddy's key file).");
        }
    }
}
