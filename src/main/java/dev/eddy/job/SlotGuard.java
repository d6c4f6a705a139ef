package dev.eddy.job;

import dev.eddy.cluster.ClusterException;
import dev.eddy.cluster.JobFailures;
import dev.eddy.cluster.JobManagerClient;
import dev.eddy.cluster.JobSummary;
import dev.eddy.query.QueryService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Deployed jobs come before console queries: when a job that should run waits for a task slot and
 * this Eddy's console queries hold slots, the newest of those queries is stopped to free one, and
 * its user reads why. Flink gives a freed slot to the job that waits for it. Every Eddy on a store
 * guards its own queries; a pass asks nothing of Flink while none of them holds a slot.
 */
@Component
class SlotGuard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlotGuard.class);
    /** After a query gave its slot, Flink needs a moment to hand it over: no second query is stopped meanwhile. */
    private static final long SETTLE_NANOS = java.time.Duration.ofSeconds(10).toNanos();
    private volatile long lastYield = System.nanoTime() - SETTLE_NANOS;
    private final QueryService queries;
    private final JobRepository store;
    private final JobManagerClient flink;
    private final JobFailures failures;
    private final JobProperties properties;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "eddy-slot-guard");
        t.setDaemon(true);
        return t;
    });

    SlotGuard(QueryService queries, JobRepository store, JobManagerClient flink, JobFailures failures,
            JobProperties properties) {
        this.queries = queries;
        this.store = store;
        this.flink = flink;
        this.failures = failures;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long every = properties.watchInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            guard();
        } catch (ClusterException e) {
            // The cluster is down or busy: nothing waits for a slot that a query could give.
        } catch (RuntimeException e) {
            log.warn("Could not check whether a deployed job waits for a task slot: {}", e.getMessage());
        }
    }

    /** One look: stops at most one query, then lets Flink hand the slot over before looking again. */
    void guard() {
        if (System.nanoTime() - lastYield < SETTLE_NANOS || !queries.holdsSlots()
                || flink.overview().slotsAvailable() > 0) {
            return;
        }
        List<Job> wanted = store.all().stream().filter(j -> j.shouldRun() && j.flinkJobId() != null).toList();
        if (wanted.isEmpty()) {
            return;
        }
        Map<String, JobSummary> known = flink.jobs().stream()
                .collect(Collectors.toMap(JobSummary::id, Function.identity(), (a, b) -> a));
        for (Job job : wanted) {
            JobSummary seen = known.get(job.flinkJobId());
            if (seen != null && seen.isRunning() && failures.health(job.flinkJobId()).waiting().isPresent()) {
                queries.yieldSlot(job.name()).ifPresent(statement -> {
                    lastYield = System.nanoTime();
                    log.info("Stopped a console query to give its task slot to job '{}'", job.name());
                });
                return;
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
