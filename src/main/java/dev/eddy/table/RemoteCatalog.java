package dev.eddy.table;

import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.SessionInitializer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a remote gateway, each session Eddy opens makes Eddy's catalog its current one, so tables
 * land in Eddy's store there too. The gateway needs the catalog jar in its {@code lib/} and Eddy's
 * store address and key in its environment; without them the session keeps the gateway's own
 * catalogs, and Eddy says once what is missing.
 */
public final class RemoteCatalog implements SessionInitializer {
    private static final Logger log = LoggerFactory.getLogger(RemoteCatalog.class);
    private final boolean active;
    private final AtomicBoolean warned = new AtomicBoolean();
    private volatile String problem;

    /** @param active false when the gateway is Eddy's embedded one (its sessions have the catalog pinned) */
    public RemoteCatalog(boolean active) {
        this.active = active;
    }

    /** Whether Eddy's sessions open the catalog on the gateway themselves. */
    public boolean active() {
        return active;
    }

    /** Why the last session could not open Eddy's catalog, if it could not. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    @Override
    public void done() {
        problem = null;
    }

    @Override
    public List<String> statements() {
        return active ? List.of("CREATE CATALOG IF NOT EXISTS " + EddyCatalog.NAME + " WITH ('type' = '"
                + EddyCatalog.NAME + "')", "USE CATALOG " + EddyCatalog.NAME) : List.of();
    }

    @Override
    public void failed(String statement, GatewayException error) {
        String message = "The Flink gateway did not open Eddy's catalog, so tables made in this session stay in "
                + "the gateway's own catalog and Eddy's tables are not visible there: {}. Put "
                + "eddy-flink-catalog.jar (and the PostgreSQL JDBC driver) in the gateway's lib/ folder and give "
                + "it EDDY_STORE_URL, EDDY_STORE_USERNAME, EDDY_STORE_PASSWORD and EDDY_SECURITY_SECRET_KEY "
                + "(docs/configuration.md), or set eddy.flink.eddy-catalog=false.";
        problem = error.describe();
        if (warned.compareAndSet(false, true)) {
            log.warn(message, error.describe());
        } else {
            log.debug(message, error.describe());
        }
    }
}
