package dev.eddy.gateway;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Heartbeats every open session so the gateway's idle timeout never closes one in use. */
public final class SessionHeartbeat implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionHeartbeat.class);
    private final Set<GatewaySession> sessions = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler;

    public SessionHeartbeat(Duration interval) {
        scheduler = Executors.newSingleThreadScheduledExecutor(dev.eddy.config.DaemonThreads.named("eddy-gateway-heartbeat"));
        long ms = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::beat, ms, ms, TimeUnit.MILLISECONDS);
    }

    void register(GatewaySession session) {
        sessions.add(session);
    }

    void unregister(GatewaySession session) {
        sessions.remove(session);
    }

    int size() {
        return sessions.size();
    }

    private void beat() {
        for (GatewaySession session : sessions) {
            try {
                session.heartbeat();
            } catch (GatewayException e) {
                if (e.kind() == GatewayException.Kind.SESSION_NOT_FOUND) {
                    sessions.remove(session);
                }
                log.debug("Heartbeat of session {} failed: {}", session.handle(), e.getMessage());
            } catch (RuntimeException e) {
                log.debug("Heartbeat of session {} failed", session.handle(), e);
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
