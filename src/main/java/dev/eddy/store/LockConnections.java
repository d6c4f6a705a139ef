package dev.eddy.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Gives back a connection that holds advisory locks, ending it for good when it is in doubt. */
final class LockConnections {
    private LockConnections() {}

    /**
     * Closes {@code connection}; when {@code inDoubt}, the pool ends it instead of keeping it: a pooled
     * connection given back keeps its session, and a session in doubt might still hold locks.
     */
    static void giveBack(DataSource store, Connection connection, boolean inDoubt) {
        try {
            if (inDoubt && store instanceof com.zaxxer.hikari.HikariDataSource pool) {
                pool.evictConnection(connection);
            }
            connection.close();
        } catch (SQLException e) {
            // Closing is all that matters: PostgreSQL drops the session's locks with it.
        }
    }
}
