package dev.eddy.security;

import dev.eddy.config.Endpoints;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * Whether Eddy's own store answers, and what to tell people when it does not. Asking never blocks:
 * it answers from the latest look and starts a new one in the background when that is over 2 s old
 * (one connection with a 2-second limit); a call that just failed to reach the store says so at once.
 * Here beside sign-in, which is the first thing to need the store.
 */
@Component
public class StoreOutage implements AutoCloseable {
    private static final long LOOK_NANOS = java.time.Duration.ofSeconds(2).toNanos();
    private final Endpoints endpoints;
    private final java.util.concurrent.ExecutorService looker = java.util.concurrent.Executors.newSingleThreadExecutor(dev.eddy.config.DaemonThreads.named("eddy-store-look"));
    private final java.util.concurrent.atomic.AtomicBoolean looking = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile long lookedAt = System.nanoTime();
    private volatile boolean down;

    public StoreOutage(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** True when the store did not answer the latest look; a look over 2 s old is renewed in the background. */
    @Unauthenticated("says only whether the store answers, and its host and port")
    public boolean isDown() {
        if (System.nanoTime() - lookedAt >= LOOK_NANOS && looking.compareAndSet(false, true)) {
            try {
                looker.execute(() -> {
                    try {
                        down = !answers();
                        lookedAt = System.nanoTime();
                    } finally {
                        looking.set(false);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                looking.set(false);
            }
        }
        return down;
    }

    /** Marks the store down at once (a call just failed to reach it), until a look says otherwise. */
    @Unauthenticated("says only whether the store answers, and its host and port")
    public void failed() {
        down = true;
        lookedAt = System.nanoTime() - LOOK_NANOS;
    }

    @Override
    public void close() {
        looker.shutdownNow();
    }

    private boolean answers() {
        Properties p = new Properties();
        p.setProperty("user", endpoints.storeUser());
        p.setProperty("password", endpoints.storePassword().value());
        p.setProperty("loginTimeout", "2");
        p.setProperty("connectTimeout", "2");
        p.setProperty("socketTimeout", "2");
        try (Connection c = DriverManager.getConnection(endpoints.storeUrl(), p)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** What a person reads while the store is down: where it is (never its password) and what happens now. */
    @Unauthenticated("says only whether the store answers, and its host and port")
    public String message() {
        return "Eddy's store (PostgreSQL at " + address() + ") does not answer, so Eddy can neither read nor save "
                + "anything now. Nothing saved is lost and running Flink jobs go on. Eddy reconnects by itself as soon "
                + "as the store is back: whoever runs Eddy should check that this PostgreSQL is running and reachable.";
    }

    private String address() {
        String url = endpoints.storeUrl();
        try {
            URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
            return uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort());
        } catch (IllegalArgumentException e) {
            return "its configured address";
        }
    }

    /** Whether an error comes from the store being unreachable (not from a wrong statement or a missing row). */
    public static boolean isOutage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof org.springframework.jdbc.CannotGetJdbcConnectionException
                    || t instanceof org.springframework.dao.DataAccessResourceFailureException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
