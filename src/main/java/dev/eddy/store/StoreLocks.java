package dev.eddy.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Locks shared by every Eddy on one store: PostgreSQL session-level advisory locks, all taken on
 * one connection this Eddy keeps for them, behind a lock per key inside this JVM. A holder that dies
 * (even by kill -9) loses its connection, and PostgreSQL releases its locks with it, so no lock
 * outlives the Eddy that took it.
 */
public class StoreLocks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoreLocks.class);
    /** How often a wait for a lock another Eddy holds asks again. */
    private static final long RETRY_MILLIS = 100;
    private final DataSource store;
    private final int kind;
    private final Map<Integer, Held> locks = new ConcurrentHashMap<>();
    private Connection session;

    /**
     * @param kind what the keys number (e.g. "job" in ASCII), so that locks of different things,
     *     and of other applications on the same database, never meet
     */
    public StoreLocks(DataSource store, int kind) {
        this.store = store;
        this.kind = kind;
    }

    /** The lock of one thing (a job by its id), the same object for the same key. */
    public Held lock(long key) {
        return locks.computeIfAbsent(Math.toIntExact(key), Held::new);
    }

    /** One key's lock: reentrant in its thread, exclusive across threads and across Eddys. */
    public final class Held {
        private final int key;
        private final ReentrantLock local = new ReentrantLock();

        private Held(int key) {
            this.key = key;
        }

        /** Waits for the lock: as long as another action on the same thing takes, here or on another Eddy. */
        public void lock() {
            local.lock();
            if (local.getHoldCount() > 1) {
                return;
            }
            try {
                while (!take(key)) {
                    Thread.sleep(RETRY_MILLIS);
                }
            } catch (InterruptedException e) {
                local.unlock();
                Thread.currentThread().interrupt();
                throw new DataAccessResourceFailureException("Interrupted while waiting for another action to end");
            } catch (RuntimeException e) {
                local.unlock();
                throw e;
            }
        }

        /** Takes the lock when nobody, here or on another Eddy, holds it; never waits. */
        public boolean tryLock() {
            if (!local.tryLock()) {
                return false;
            }
            if (local.getHoldCount() > 1) {
                return true;
            }
            try {
                if (take(key)) {
                    return true;
                }
            } catch (RuntimeException e) {
                local.unlock();
                throw e;
            }
            local.unlock();
            return false;
        }

        public void unlock() {
            try {
                if (local.getHoldCount() == 1) {
                    give(key);
                }
            } finally {
                local.unlock();
            }
        }
    }

    private synchronized boolean take(int key) {
        try (PreparedStatement s = session().prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            s.setInt(1, kind);
            s.setInt(2, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            forget(true);
            throw new DataAccessResourceFailureException("Eddy's store cannot be reached to lock " + key + ": "
                    + e.getMessage(), e);
        }
    }

    private synchronized void give(int key) {
        if (session == null) {
            return; // The connection went, and every lock with it.
        }
        try (PreparedStatement s = session.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            s.setInt(1, kind);
            s.setInt(2, key);
            s.execute();
        } catch (SQLException e) {
            // A lost connection released the lock already.
            log.debug("Could not unlock {} in the store: {}", key, e.getMessage());
            forget(true);
        }
    }

    private Connection session() throws SQLException {
        if (session == null) {
            session = store.getConnection();
            session.setAutoCommit(true);
        }
        return session;
    }

    private void forget(boolean lost) {
        if (session != null) {
            LockConnections.giveBack(store, session, lost);
            session = null;
            if (lost) {
                log.warn("Eddy's connection for its locks in the store was lost; locks held through it were released");
            }
        }
    }

    /** Ends the connection the locks are held through, as a lost connection is ended. */
    synchronized void dropConnection() {
        forget(true);
    }

    /** Releases every lock at shutdown (PostgreSQL would at the connection's end anyway). */
    @Override
    public synchronized void close() {
        if (session != null) {
            try (PreparedStatement s = session.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                s.execute();
            } catch (SQLException e) {
                // Closing the connection next does the same.
            }
            forget(false);
        }
    }
}
