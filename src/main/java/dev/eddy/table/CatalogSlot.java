package dev.eddy.table;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where one embedded gateway finds Eddy's store and integrations for the catalogs it creates, one
 * per session. The gateway starts before Spring has the store ready, so Spring fills the slot in
 * later; sessions opened before that (or on a gateway no Eddy serves) get Flink's plain catalogs.
 */
public final class CatalogSlot {
    private static final Logger log = LoggerFactory.getLogger(CatalogSlot.class);
    private volatile CatalogRepository store;
    private volatile ConnectionResolver connections;
    private final FunctionJars jars;

    /** {@code functionJars}: where the sessions' catalogs write the JARs of function libraries. */
    public CatalogSlot(java.nio.file.Path functionJars) {
        this.jars = new FunctionJars(functionJars.toAbsolutePath());
    }

    void fill(CatalogRepository repository, ConnectionResolver resolver) {
        this.connections = resolver;
        this.store = repository;
    }

    boolean ready() {
        return store != null;
    }

    /** A catalog for one new session. */
    EddyCatalog newCatalog() {
        return new EddyCatalog(EddyCatalog.NAME, store, connections, jars);
    }

    /**
     * The file URI of a library version's JAR where this gateway's sessions read it: Eddy pins a job's
     * functions to the versions it was deployed with when it starts the job again.
     */
    public String jarUri(String library, int version) {
        CatalogRepository repository = store;
        if (repository == null) {
            throw new IllegalStateException("Eddy's catalog is not ready yet");
        }
        return jars.uriOf(library, version, repository);
    }

    void warnNotReady() {
        log.warn("A gateway session opened before Eddy's catalog was ready: it has Flink's in-memory catalog only");
    }
}
