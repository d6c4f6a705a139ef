package dev.eddy.table;

import org.apache.flink.table.gateway.api.session.SessionEnvironment;
import org.apache.flink.table.gateway.service.context.DefaultContext;
import org.apache.flink.table.gateway.service.session.Session;
import org.apache.flink.table.gateway.service.session.SessionManagerImpl;

/**
 * The embedded gateway's session manager: every session it opens, whoever opens it (Eddy, Flink's
 * SQL Client, a script), gets Eddy's catalog as its current catalog. Pinned here, not in session
 * properties, so a client cannot swap it out.
 */
public class CatalogSessionManager extends SessionManagerImpl {
    private final CatalogSlot slot;

    public CatalogSessionManager(DefaultContext context, CatalogSlot slot) {
        super(context);
        this.slot = slot;
    }

    @Override
    public synchronized Session openSession(SessionEnvironment environment) {
        if (!slot.ready()) {
            slot.warnNotReady();
            return super.openSession(environment);
        }
        SessionEnvironment.Builder pinned = SessionEnvironment.newBuilder()
                .setSessionEndpointVersion(environment.getSessionEndpointVersion())
                .addSessionConfig(environment.getSessionConfig());
        environment.getSessionName().ifPresent(pinned::setSessionName);
        environment.getRegisteredCatalogCreators().forEach(pinned::registerCatalogCreator);
        environment.getRegisteredModuleCreators().forEach(pinned::registerModuleCreatorAtHead);
        pinned.registerCatalogCreator(EddyCatalog.NAME, (config, classLoader) -> slot.newCatalog());
        pinned.setDefaultCatalog(EddyCatalog.NAME);
        return super.openSession(pinned.build());
    }
}
