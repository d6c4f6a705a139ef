package dev.eddy.table;

import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.springframework.stereotype.Component;

/**
 * Hands Eddy's store and integrations to the catalogs Flink's gateway creates, one per session.
 * Static because the gateway builds sessions outside Spring; it only runs in Eddy's JVM (embedded).
 */
@Component
public final class CatalogServices {
    private static volatile CatalogRepository store;
    private static volatile ConnectionResolver connections;

    CatalogServices(CatalogRepository store, ConnectionResolver connections) {
        install(store, connections);
    }

    private static void install(CatalogRepository repository, ConnectionResolver resolver) {
        store = repository;
        connections = resolver;
    }

    /** A catalog for one new session. */
    static EddyCatalog newCatalog() {
        CatalogRepository s = store;
        if (s == null) {
            throw new CatalogException("Eddy is still starting: open the session again in a moment");
        }
        return new EddyCatalog(EddyCatalog.NAME, s, connections);
    }
}
