package dev.eddy.query;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Forgets statement history older than {@code eddy.history.retention} (90 days unless set), hourly. */
@Component
class HistoryRetention {
    private static final Logger log = LoggerFactory.getLogger(HistoryRetention.class);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(dev.eddy.config.DaemonThreads.named("eddy-history-retention"));

    HistoryRetention(StatementHistory history, @Value("${eddy.history.retention:90d}") Duration retention) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                int forgotten = history.forgetOlderThan(retention);
                if (forgotten > 0) {
                    log.info("Forgot {} statement history entries older than {} days", forgotten, retention.toDays());
                }
            } catch (RuntimeException e) {
                log.warn("Could not trim the statement history: {}", e.getMessage());
            }
        }, 1, 60, TimeUnit.MINUTES);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
