package dev.eddy.gateway;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Opens gateway sessions, runs the session initializers in each, and keeps them alive. */
public class GatewaySessions implements AutoCloseable {
    private final SqlGatewayClient client;
    private final SessionHeartbeat heartbeat;
    private final List<SessionInitializer> initializers;

    public GatewaySessions(SqlGatewayClient client, SessionHeartbeat heartbeat, List<SessionInitializer> initializers) {
        this.client = client;
        this.heartbeat = heartbeat;
        this.initializers = initializers;
    }

    public SqlGatewayClient client() {
        return client;
    }

    /** The first example the initializers offer, for a newcomer's editor. */
    public Optional<String> example() {
        return initializers.stream().map(SessionInitializer::example).flatMap(Optional::stream).findFirst();
    }

    public GatewaySession open(String name) {
        return open(name, Map.of());
    }

    public GatewaySession open(String name, Map<String, String> properties) {
        GatewaySession session = new GatewaySession(client, heartbeat, client.openSession(name, properties));
        for (SessionInitializer initializer : initializers) {
            if (runAll(session, initializer)) {
                initializer.done();
            }
        }
        return session;
    }

    private static boolean runAll(GatewaySession session, SessionInitializer initializer) {
        for (String statement : initializer.statements()) {
            try {
                session.run(statement, 0);
            } catch (GatewayException e) {
                initializer.failed(statement, e);
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        heartbeat.close();
    }
}
