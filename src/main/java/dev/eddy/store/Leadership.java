package dev.eddy.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
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
    private boolean candidate = true;

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
                release(true);
            }
            if (!candidate) {
                return false;
            }
            Connection c = store.getConnection();
            // Named, so that every Eddy can tell which one leads (see leader()).
            try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?), set_config('application_name', ?, false)")) {
                s.setLong(1, KEY);
                s.setString(2, name);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        held = c;
                        log.info("{} leads: it runs the job watcher", name);
                        return true;
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("RESET application_name")) {
                s.execute();
            }
            c.close();
            return false;
        } catch (SQLException e) {
            log.debug("{} could not ask the store for the lead: {}", name, e.getMessage());
            release(true);
            return false;
        }
    }

    /**
     * The Eddy that runs the job watcher now, by the name it gave its connection ("Eddy 4242@host"),
     * as the store sees it; empty when none leads or the store cannot say.
     */
    public Optional<String> leader() {
        try (Connection c = store.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                        + "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = ? AND l.objsubid = 1 "
                        + "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            s.setLong(1, KEY);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** This Eddy's name as other Eddys see it. */
    public String name() {
        return name;
    }

    /**
     * Lets a test on one store watch other Eddys take the lead: this one gives up the lead it
     * holds and no longer asks for it, until told again.
     */
    synchronized void candidate(boolean candidate) {
        this.candidate = candidate;
        if (!candidate) {
            close();
        }
    }

    public synchronized boolean leads() {
        return held != null;
    }

    private void release(boolean lost) {
        if (held != null) {
            LockConnections.giveBack(store, held, lost);
            held = null;
        }
    }

    /** Gives the lead up (at shutdown): another Eddy takes it at its next look. */
    @Override
    public synchronized void close() {
        if (held != null) {
            try (PreparedStatement s = held.prepareStatement("SELECT pg_advisory_unlock(?)");
                 PreparedStatement reset = held.prepareStatement("RESET application_name")) {
                s.setLong(1, KEY);
                s.execute();
                reset.execute();
            } catch (SQLException e) {
                release(true);
                return;
            }
        }
        release(false);
    }
}
