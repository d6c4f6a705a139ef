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
     * The table's options with the integration's connection filled in and Eddy's own keys removed.
     *
     * @throws org.apache.flink.table.api.ValidationException in words, when the integration is
     *     unknown or known to be unreachable
     */
    Map<String, String> resolve(Map<String, String> tableOptions, boolean write);
}
