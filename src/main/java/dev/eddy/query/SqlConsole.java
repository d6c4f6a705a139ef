package dev.eddy.query;

import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.GatewaySession;
import dev.eddy.gateway.StatementResult;
import dev.eddy.gateway.GatewaySessions;

/**
 * One user's console: a gateway session opened on first use (so temporary tables and SET options
 * live as long as the browser session), closed with it.
 */
public final class SqlConsole implements AutoCloseable {
    private final QueryService queries;
    private final GatewaySessions sessions;
    private final String name;
    private GatewaySession session;

    SqlConsole(QueryService queries, GatewaySessions sessions, String name) {
        this.queries = queries;
        this.sessions = sessions;
        this.name = name;
    }

    /** Starts a statement in the background; rows and the outcome go to the listener. */
    public RunningQuery run(String statement, QueryListener listener) {
        return queries.start(this, Statements.normalize(statement), listener);
    }

    /**
     * Runs a short statement (SHOW, DESCRIBE) in this console's session and collects its rows: for
     * reading what the session sees, temporary tables included.
     */
    public StatementResult collect(String statement, int maxRows) {
        try {
            return session().run(statement, maxRows);
        } catch (GatewayException e) {
            if (e.kind() != GatewayException.Kind.SESSION_NOT_FOUND) {
                throw e;
            }
            return reopen().run(statement, maxRows);
        }
    }

    synchronized GatewaySession session() {
        if (session == null || session.isClosed()) {
            session = sessions.open(name);
        }
        return session;
    }

    synchronized GatewaySession reopen() {
        if (session != null) {
            session.close();
        }
        session = null;
        return session();
    }

    /** The gateway session handle, if one is open. */
    public synchronized String sessionHandle() {
        return session == null ? null : session.handle();
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
