package dev.eddy.ui.sql;

import com.vaadin.flow.component.UI;
import dev.eddy.query.RunningQuery;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stops the queries of pages whose browser is gone. A closed tab tells Vaadin, but a killed browser,
 * a sleeping laptop or a lost network tell nothing, and Vaadin only notices missed heartbeats on the
 * session's next request, which never comes: the query's Flink job would hold its task slot until
 * the HTTP session expires (30 minutes). Here a page three heartbeats late loses its queries at once.
 */
@Component
class AbandonedQueries {
    private static final Logger log = LoggerFactory.getLogger(AbandonedQueries.class);
    private static final int MISSED_HEARTBEATS = 3;
    private final Map<RunningQuery, UI> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(dev.eddy.config.DaemonThreads.named("eddy-abandoned-queries"));

    AbandonedQueries() {
        ticker.scheduleWithFixedDelay(this::sweep, 2, 2, TimeUnit.SECONDS);
    }

    void started(RunningQuery query, UI ui) {
        running.put(query, ui);
    }

    void ended(RunningQuery query) {
        running.remove(query);
    }

    /** How many queries are followed now. */
    int size() {
        return running.size();
    }

    private void sweep() {
        try {
            sweepOnce();
        } catch (RuntimeException | AssertionError e) {
            // One bad page must not end the sweeping of the others (a failed run cancels a scheduled task).
            log.warn("Could not look for abandoned queries: {}", e.toString());
        }
    }

    private void sweepOnce() {
        long now = System.currentTimeMillis();
        running.forEach((query, ui) -> {
            if (query.isDone()) {
                running.remove(query);
            } else if (gone(ui, now)) {
                running.remove(query);
                log.info("A browser stopped answering for {} heartbeats: its query is stopped and its Flink job cancelled",
                        MISSED_HEARTBEATS);
                query.stop();
                try {
                    // Closing the UI detaches its views, which stop what else they run.
                    ui.getSession().access(ui::close);
                } catch (RuntimeException e) {
                    // The session is already gone: the query is stopped, nothing else to free.
                }
            }
        });
    }

    private static boolean gone(UI ui, long now) {
        if (ui.isClosing() || ui.getSession() == null) {
            return true;
        }
        // The service's configuration, not the session's: reading the session's needs its lock.
        int interval = ui.getSession().getService().getDeploymentConfiguration().getHeartbeatInterval();
        if (interval <= 0) {
            return false;
        }
        long last = ui.getInternals().getLastHeartbeatTimestamp();
        return now - last > MISSED_HEARTBEATS * interval * 1000L;
    }

    @PreDestroy
    void close() {
        ticker.shutdownNow();
    }
}
