package dev.eddy.job;

import dev.eddy.cluster.ClusterException;
import dev.eddy.cluster.ClusterSnapshot;
import dev.eddy.cluster.JobSummary;
import dev.eddy.query.QueryService;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Deployed jobs come before console queries: when a job that should run waits for a task slot and
 * this Eddy's console queries hold slots, the newest of those queries is stopped to free one, and
 * its user reads why. Flink gives a freed slot to the job that waits for it. Every Eddy on a store
 * guards its own queries; a pass reads only the shared cluster snapshot, and the store only when a
 * job waits for a slot while one of this Eddy's queries holds one.
 */
@Component
class SlotGuard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlotGuard.class);
    /** After a query gave its slot, Flink needs a moment to hand it over: no second query is stopped meanwhile. */
    private static final long SETTLE_NANOS = java.time.Duration.ofSeconds(10).toNanos();
    private volatile long lastYield = System.nanoTime() - SETTLE_NANOS;
    private final QueryService queries;
    private final JobRepository store;
    private final ClusterSnapshot cluster;
    private final JobProperties properties;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(dev.eddy.config.DaemonThreads.named("eddy-slot-guard"));

    SlotGuard(QueryService queries, JobRepository store, ClusterSnapshot cluster, JobProperties properties) {
        this.queries = queries;
        this.store = store;
        this.cluster = cluster;
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
        if (System.nanoTime() - lastYield < SETTLE_NANOS || !queries.holdsSlots()) {
            return;
        }
        ClusterSnapshot.Snapshot now = cluster.latest();
        if (!now.answered() || now.overview().slotsAvailable() > 0
                || now.jobs().values().stream().noneMatch(JobSummary::waitsForSlots)) {
            return;
        }
        List<Job> wanted = store.all().stream().filter(j -> j.shouldRun() && j.flinkJobId() != null).toList();
        for (Job job : wanted) {
            if (now.job(job.flinkJobId()).filter(JobSummary::waitsForSlots).isPresent()) {
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
