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

    public CatalogSessionManager(DefaultContext context) {
        super(context);
    }

    @Override
    public synchronized Session openSession(SessionEnvironment environment) {
        SessionEnvironment.Builder pinned = SessionEnvironment.newBuilder()
                .setSessionEndpointVersion(environment.getSessionEndpointVersion())
                .addSessionConfig(environment.getSessionConfig());
        environment.getSessionName().ifPresent(pinned::setSessionName);
        environment.getRegisteredCatalogCreators().forEach(pinned::registerCatalogCreator);
        environment.getRegisteredModuleCreators().forEach(pinned::registerModuleCreatorAtHead);
        pinned.registerCatalogCreator(EddyCatalog.NAME, (config, classLoader) -> CatalogServices.newCatalog());
        pinned.setDefaultCatalog(EddyCatalog.NAME);
        return super.openSession(pinned.build());
    }
}
