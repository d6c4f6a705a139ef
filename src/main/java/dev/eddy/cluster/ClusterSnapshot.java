package dev.eddy.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Flink's cluster overview and job list, read by one thread once a tick for every part of Eddy that
 * follows jobs (the console's queries, the job watcher, the slot guard, the pages), instead of each
 * asking on its own. A slow or unreachable cluster is asked less often (up to every 30 s) until it
 * answers again.
 */
@Component
public class ClusterSnapshot implements AutoCloseable {
    private static final Duration MOST = Duration.ofSeconds(30);
    private final JobManagerClient flink;
    private final Duration every;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(dev.eddy.config.DaemonThreads.named("eddy-cluster-snapshot"));
    private volatile Snapshot latest;
    private volatile Duration delay;

    /** What the cluster said at one moment; {@code problem} is set (and the rest empty) when it did not answer. */
    public record Snapshot(Instant at, ClusterOverview overview, Map<String, JobSummary> jobs, Optional<String> problem) {
        public Optional<JobSummary> job(String flinkJobId) {
            return Optional.ofNullable(jobs.get(flinkJobId));
        }

        public boolean answered() {
            return problem.isEmpty();
        }
    }

    public ClusterSnapshot(JobManagerClient flink, @Value("${eddy.cluster.poll-interval:1s}") Duration every) {
        this.flink = flink;
        this.every = every;
        this.delay = every;
        ticker.schedule(this::tick, 0, TimeUnit.MILLISECONDS);
    }

    /** The latest snapshot, at most a tick or so old; read now if there is none yet. */
    public Snapshot latest() {
        Snapshot s = latest;
        return s == null ? fresh() : s;
    }

    /**
     * A snapshot read now, for a caller that must see every job submitted before this call (the
     * watcher, which would otherwise take a job deployed a moment ago for a lost one).
     */
    public synchronized Snapshot fresh() {
        long t0 = System.nanoTime();
        try {
            ClusterOverview overview = flink.overview();
            Map<String, JobSummary> jobs = new LinkedHashMap<>();
            flink.jobs().forEach(j -> jobs.put(j.id(), j));
            latest = new Snapshot(Instant.now(), overview, Map.copyOf(jobs), Optional.empty());
            // A cluster that takes long to answer is asked less often, never more than once per two answers' time.
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            delay = took.multipliedBy(2).compareTo(every) > 0 ? min(took.multipliedBy(2)) : every;
        } catch (ClusterException e) {
            latest = new Snapshot(Instant.now(), null, Map.of(), Optional.of(e.getMessage()));
            delay = min(delay.multipliedBy(2));
        }
        return latest;
    }

    private static Duration min(Duration d) {
        return d.compareTo(MOST) > 0 ? MOST : d;
    }

    private void tick() {
        try {
            fresh();
        } catch (RuntimeException e) {
            delay = min(delay.multipliedBy(2));
        } finally {
            try {
                ticker.schedule(this::tick, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // Eddy stops: no more ticks.
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
