package dev.eddy.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of several Eddys on one store runs the singletons (the job watcher): the one holding a
 * PostgreSQL session-level advisory lock. The lock lives as long as the connection that took it,
 * so when the leader dies (even by kill -9) PostgreSQL drops it and the next look of another Eddy
 * takes it over.
 */
public class Leadership implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Leadership.class);
    /** The advisory lock's key: "eddy" in ASCII, so no other application's lock is taken by mistake. */
    static final long KEY = 0x65646479L;
    private final DataSource store;
    private final String name;
    private Connection held;

    public Leadership(DataSource store, String name) {
        this.store = store;
        this.name = name;
    }

    /** Whether this Eddy leads now: keeps the lock it has, or takes it when free. Never throws. */
    public synchronized boolean lead() {
        try {
            if (held != null) {
                if (held.isValid(2)) {
                    return true;
                }
                log.warn("{} lost its connection to the store, and with it the lead", name);
                release();
            }
            Connection c = store.getConnection();
            try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                s.setLong(1, KEY);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        held = c;
                        log.info("{} leads: it runs the job watcher", name);
                        return true;
                    }
                }
            }
            c.close();
            return false;
        } catch (SQLException e) {
            log.debug("{} could not ask the store for the lead: {}", name, e.getMessage());
            release();
            return false;
        }
    }

    public synchronized boolean leads() {
        return held != null;
    }

    private void release() {
        if (held != null) {
            try {
                held.close();
            } catch (SQLException e) {
                // Closing is all that matters: PostgreSQL drops the lock with the session.
            }
            held = null;
        }
    }

    /** Gives the lead up (at shutdown): another Eddy takes it at its next look. */
    @Override
    public synchronized void close() {
        if (held != null) {
            try (PreparedStatement s = held.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                s.setLong(1, KEY);
                s.execute();
            } catch (SQLException e) {
                // The connection is closed next, which releases the lock too.
            }
        }
        release();
    }
}
