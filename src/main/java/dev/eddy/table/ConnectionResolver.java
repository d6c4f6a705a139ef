package dev.eddy.table;

import java.util.Map;

/**
 * Turns a table's reference to an integration ({@code 'eddy.integration' = 'orders-kafka'}) into
 * the connector options Flink needs: addresses, security settings and the credential for the
 * table's role (read-only for a source, read-write for a sink).
 */
public interface ConnectionResolver {
    /** The option naming the integration a table reads from or writes to. */
    String INTEGRATION = "eddy.integration";

    /**
     * Set to {@code true} in the configuration of statements an admin or Eddy itself runs: they may
     * write through integrations limited to reading for developers. Developers cannot set it:
     * {@code eddy.*} keys are never theirs to set (SqlPolicy).
     */
    String TRUSTED_WRITER = dev.eddy.security.WriteTrust.KEY;

    /**
     * The table's options with the integration's connection filled in and Eddy's own keys removed.
     *
     * @param trustedWriter whether the statement may write through an integration limited to
     *     reading for developers (only asked when {@code write})
     * @throws org.apache.flink.table.api.ValidationException in words, when the integration is
     *     unknown, known to be unreachable, or read-only for this writer
     */
    Map<String, String> resolve(Map<String, String> tableOptions, boolean write, boolean trustedWriter);
}
