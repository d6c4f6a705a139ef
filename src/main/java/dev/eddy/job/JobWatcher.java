package dev.eddy.job;

import dev.eddy.cluster.ClusterException;
import dev.eddy.cluster.ClusterHosting;
import dev.eddy.cluster.ClusterSnapshot;
import dev.eddy.cluster.JobManagerClient;
import dev.eddy.cluster.JobSummary;
import dev.eddy.cluster.JobFailures;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * Keeps Eddy's job records and Flink's reality in step: follows each job's state and latest
 * checkpoint, brings back jobs that should run but Flink no longer knows (after a restart of Eddy
 * or of the cluster), and stops jobs with a savepoint when the embedded cluster goes down with Eddy.
 */
@Component
class JobWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobWatcher.class);
    private final JobService jobs;
    private final JobRepository store;
    private final JobManagerClient flink;
    private final JobProperties properties;
    private final JobFailures failures;
    /** Of several Eddys on one store, only the leader watches: two would bring the same lost job back twice. */
    private final dev.eddy.store.Leadership leadership;
    private final KafkaPositions positions;
    private final RestorePoints points;
    private final ClusterSnapshot cluster;
    private final boolean savepointOnShutdown;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(dev.eddy.config.DaemonThreads.named("eddy-job-watcher"));
    private static final java.time.Duration SHUTDOWN_SAVEPOINT_WAIT = java.time.Duration.ofSeconds(30);
    private volatile boolean closing;

    JobWatcher(JobService jobs, JobRepository store, JobManagerClient flink, JobProperties properties,
            ClusterHosting hosting, JobFailures failures, dev.eddy.store.Leadership leadership,
            KafkaPositions positions, ClusterSnapshot cluster, RestorePoints points) {
        this.points = points;
        this.cluster = cluster;
        this.positions = positions;
        this.leadership = leadership;
        this.failures = failures;
        this.jobs = jobs;
        this.store = store;
        this.flink = flink;
        this.properties = properties;
        this.savepointOnShutdown = switch (properties.savepointOnShutdown()) {
            case "true" -> true;
            case "false" -> false;
            default -> hosting.stopsWithEddy();
        };
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long every = properties.watchInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (!leadership.lead()) {
            return;
        }
        try {
            reconcile();
        } catch (RuntimeException e) {
            log.warn("Could not follow the jobs this time: {}", e.getMessage());
        }
    }

    /** One pass over every job: record what Flink says, restore what it lost. */
    void reconcile() {
        // The jobs first, then Flink's list: one list a pass, not one a job.
        List<Job> all = store.all();
        Map<String, JobSummary> known;
        try {
            known = flinkJobs();
        } catch (ClusterException e) {
            return; // The cluster is down or restarting: nothing can be said about any job now.
        }
        for (Job job : all) {
            if (closing) {
                return;
            }
            dev.eddy.store.StoreLocks.Held held = jobs.lock(job.id());
            // A job busy with a long action (a stop with savepoint can take minutes) is looked at next pass,
            // rather than holding up every other job's.
            if (!held.tryLock()) {
                continue;
            }
            try {
                Job current = store.find(job.id()).orElse(null);
                if (current == null) {
                    continue;
                }
                // A job changed since the pass began was deployed, stopped or restarted meanwhile (every
                // such change writes its row under this lock): the list read before may not know its new
                // Flink job, which would look lost and be started twice. Only then is the list read again.
                if (!current.equals(job)) {
                    try {
                        known = flinkJobs();
                    } catch (ClusterException e) {
                        return;
                    }
                }
                follow(current, current.flinkJobId() == null ? null : known.get(current.flinkJobId()));
            } finally {
                held.unlock();
            }
        }
    }

    /** Read now, after the store: every Flink job of a run the store names is in it (else it looks lost). */
    private Map<String, JobSummary> flinkJobs() {
        ClusterSnapshot.Snapshot now = cluster.fresh();
        if (!now.answered()) {
            throw new ClusterException(now.problem().orElse("The cluster did not answer"));
        }
        return now.jobs();
    }

    private void follow(Job job, JobSummary seen) {
        if (seen == null) {
            if (job.shouldRun() && job.flinkJobId() != null) {
                restoreLost(job);
            }
            return;
        }
        if (seen.isRunning()) {
            jobs.recordCheckpoint(seen.id());
        }
        String failure = job.failure();
        if ("FAILED".equals(seen.state()) || "RESTARTING".equals(seen.state()) || "FAILING".equals(seen.state())) {
            failure = failures.latestFailure(seen.id(), seen.started() == null ? java.time.Instant.EPOCH : seen.started())
                    .orElse(failure);
        }
        if (!seen.isRunning() && job.shouldRun()) {
            // Flink ended it (failed for good, finished, or cancelled outside Eddy): it stays stopped
            // until the user restarts it. Said before the state, so nobody reads "FAILED" yet "should run".
            store.ended(seen.id(), seen.state());
            store.setDesired(job.id(), Job.DesiredState.STOPPED);
            log.info("Job '{}' ended on Flink as {}", job.name(), seen.state());
        } else if (!seen.isRunning()) {
            store.ended(seen.id(), seen.state());
        }
        if (!seen.state().equals(job.state()) || !java.util.Objects.equals(failure, job.failure())) {
            store.setState(job.id(), seen.state(), failure);
        }
    }

    private void restoreLost(Job job) {
        if (!store.claimLost(job.id(), job.flinkJobId())) {
            log.debug("Job '{}' is being brought back by another Eddy on this store", job.name());
            return;
        }
        store.ended(job.flinkJobId(), "LOST");
        int version = job.runningVersion() == null ? job.version() : job.runningVersion();
        List<Savepoint> kept = store.savepoints(job.id());
        List<JobRun> runs = store.runs(job.id());
        RestorePoint from = points.of(kept, runs).stream().findFirst().orElse(null);
        if (points.everyStateGone(kept, runs)) {
            // It had state, and all of it is gone: starting it empty would quietly recount from scratch.
            String why = "Eddy could not bring it back: every savepoint and checkpoint it had is gone from where it was "
                    + "kept. Restart it by hand to start without state, or restore the state's files first.";
            log.warn("Job '{}' should run but Flink does not know {}, and {}", job.name(), job.flinkJobId(), why);
            store.setDesired(job.id(), Job.DesiredState.STOPPED);
            store.setState(job.id(), "FAILED", why);
            return;
        }
        try {
            if (from != null && from.version() != version && !fits(job, from.version(), version)) {
                // The run started without that older version's state (a stateless upgrade) and lost before
                // its first checkpoint: it starts again where its Kafka sources started then.
                log.info("Job '{}' should run but Flink does not know {}: restarting version {} without state, "
                        + "its Kafka sources from where {} left them", job.name(), job.flinkJobId(), version, from.path());
                jobs.start(job, version, null, false, positions.startingAt(positions.read(from.path())));
                return;
            }
            log.info("Job '{}' should run but Flink does not know {}: restarting version {} from {}", job.name(),
                    job.flinkJobId(), version, from == null ? "empty state" : from.path());
            jobs.start(job, version, from == null ? null : from.path(), false);
        } catch (JobException e) {
            log.warn("Could not bring job '{}' back: {}", job.name(), e.getMessage());
        }
    }

    /** Whether state written by one version of the job maps onto another's plan. */
    private boolean fits(Job job, int saved, int running) {
        return store.version(job.id(), saved).flatMap(a -> store.version(job.id(), running)
                .map(b -> StateCheck.compare(a.plan(), b.plan()).compatible())).orElse(false);
    }

    /**
     * The embedded cluster stops with Eddy: running jobs are stopped with a savepoint to resume from
     * at the next start, all at once, so stopping Eddy takes as long as the slowest savepoint.
     */
    @Override
    public void close() {
        closing = true;
        ticker.shutdownNow();
        if (!savepointOnShutdown) {
            return;
        }
        List<Job> running = store.all().stream().filter(job -> job.shouldRun() && job.flinkJobId() != null).toList();
        if (running.isEmpty()) {
            return;
        }
        ExecutorService savers = Executors.newFixedThreadPool(Math.min(running.size(), 8), dev.eddy.config.DaemonThreads.named("eddy-shutdown-savepoint"));
        try {
            List<Future<?>> saving = running.stream().<Future<?>>map(job -> savers.submit(() -> stopWithSavepoint(job)))
                    .toList();
            long deadline = System.nanoTime() + SHUTDOWN_SAVEPOINT_WAIT.plusSeconds(5).toNanos();
            for (int i = 0; i < saving.size(); i++) {
                try {
                    saving.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    log.warn("Job '{}' is still taking its savepoint; it resumes from its latest checkpoint",
                            running.get(i).name());
                } catch (java.util.concurrent.ExecutionException e) {
                    log.warn("Job '{}' could not be stopped with a savepoint: {}", running.get(i).name(),
                            e.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } finally {
            savers.shutdownNow();
        }
    }

    private void stopWithSavepoint(Job job) {
        dev.eddy.store.StoreLocks.Held held = jobs.lock(job.id());
        held.lock();
        try {
            try {
                if (!flink.job(job.flinkJobId()).isRunning()) {
                    return;
                }
                String path = flink.stopWithSavepoint(job.flinkJobId(), null, SHUTDOWN_SAVEPOINT_WAIT);
                jobs.recordSavepoint(job, path, "Eddy stopped");
                store.ended(job.flinkJobId(), "STOPPED_WITH_EDDY");
                log.info("Job '{}' stopped with savepoint {}; it resumes when Eddy starts again", job.name(), path);
            } catch (RuntimeException e) {
                log.warn("Job '{}' could not be stopped with a savepoint ({}); it resumes from its latest checkpoint",
                        job.name(), e.getMessage());
            }
        } finally {
            held.unlock();
        }
    }
}
