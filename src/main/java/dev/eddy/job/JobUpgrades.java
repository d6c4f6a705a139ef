package dev.eddy.job;

import dev.eddy.cluster.ClusterException;
import dev.eddy.cluster.JobManagerClient;
import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Service;

/**
 * The ways a declarative apply brings a job to its desired version besides a savepoint redeploy:
 * created stopped, cancelled and started from its latest checkpoint, or started without its old
 * state but from the Kafka positions the old version had reached.
 */
@Service
public class JobUpgrades {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JobUpgrades.class);
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(60);
    private final JobService jobs;
    private final JobRepository store;
    private final JobManagerClient flink;
    private final JobProperties properties;
    private final KafkaPositions positions;

    JobUpgrades(JobService jobs, JobRepository store, JobManagerClient flink, JobProperties properties,
            KafkaPositions positions) {
        this.jobs = jobs;
        this.store = store;
        this.flink = flink;
        this.properties = properties;
        this.positions = positions;
    }

    /** Saves a job as version 1 without starting it; a later restart starts it with empty state. */
    @Requires(value = Role.DEVELOPER, action = "Creating jobs stopped")
    public Job createStopped(JobDraft draft) {
        return jobs.save(draft);
    }

    /**
     * Whether the state the job would restart from fits a statement and settings not saved yet:
     * what a plan tells before an apply edits the job.
     */
    @Requires(value = Role.DEVELOPER, action = "Planning jobs")
    public StateCheck.Verdict checkState(long id, String sql, JobSettings settings) {
        Job job = jobs.get(id);
        Integer savedBy = jobs.isRunning(job) ? job.runningVersion()
                : jobs.restorePoints(id).stream().findFirst().map(RestorePoint::version).orElse(null);
        JobPlan plan = jobs.explain(sql, settings);
        if (savedBy == null) {
            return new StateCheck.Verdict(List.of(), List.of(), List.of());
        }
        return StateCheck.compare(jobs.version(id, savedBy).plan(), plan.plan());
    }

    /**
     * Runs the current version from the run's latest checkpoint: the running one is cancelled
     * (faster than a savepoint, and what is left when a savepoint cannot be taken). Refused when
     * that checkpoint's state does not fit the version, as a redeploy is.
     */
    @Requires(value = Role.DEVELOPER, action = "Redeploying jobs from the last checkpoint")
    public Job fromLastCheckpoint(long id) {
        dev.eddy.store.StoreLocks.Held held = jobs.lock(id);
        held.lock();
        try {
            Job job = jobs.mine(id, "redeploy");
            if (jobs.isRunning(job)) {
                flink.cancel(job.flinkJobId());
                awaitEnd(job.flinkJobId());
                jobs.recordCheckpoint(job.flinkJobId());
                store.ended(job.flinkJobId(), "CANCELED");
            }
            // The newest state there is: the run's latest checkpoint, or the savepoint it started from when
            // it had not checkpointed yet (an older checkpoint would read messages twice).
            RestorePoint from = jobs.restorePoints(id).stream().findFirst().orElse(null);
            if (from != null && from.version() != job.version()) {
                StateCheck.Verdict verdict = StateCheck.compare(jobs.version(id, from.version()).plan(),
                        jobs.version(id, job.version()).plan());
                if (!verdict.compatible()) {
                    throw new StateMismatchException(verdict);
                }
            }
            return jobs.start(jobs.get(id), job.version(), from == null ? null : from.path(), false);
        } finally {
            held.unlock();
        }
    }

    /**
     * Runs the current version without the old state, its Kafka sources starting where the old
     * version stopped reading (from the savepoint taken now, or the newest state kept when the
     * job is not running), so no message is read twice or skipped.
     */
    @Requires(value = Role.DEVELOPER, action = "Redeploying jobs without state")
    public Job stateless(long id) {
        dev.eddy.store.StoreLocks.Held held = jobs.lock(id);
        held.lock();
        try {
            Job job = jobs.mine(id, "redeploy");
            String from;
            if (jobs.isRunning(job)) {
                from = flink.stopWithSavepoint(job.flinkJobId(), null, properties.savepointTimeout());
                store.ended(job.flinkJobId(), "FINISHED");
                jobs.recordSavepoint(job, from, "before version " + job.version() + " (stateless)");
            } else {
                from = jobs.restorePoints(id).stream().findFirst().map(RestorePoint::path).orElse(null);
            }
            java.util.Map<String, java.util.Map<Integer, Long>> at = from == null ? java.util.Map.of() : positions.read(from);
            log.info("Job '{}' version {} starts without its old state; Kafka sources go on from {}", job.name(),
                    job.version(), at.isEmpty() ? "their own start (no positions kept)" : at);
            UnaryOperator<String> keepPositions = at.isEmpty() ? UnaryOperator.identity() : positions.startingAt(at);
            return jobs.start(jobs.get(id), job.version(), null, false, keepPositions);
        } finally {
            held.unlock();
        }
    }

    /**
     * Makes the job one that should not run: a running one is stopped with a savepoint, one that
     * failed or was lost is only no longer brought back.
     */
    @Requires(value = Role.DEVELOPER, action = "Stopping jobs")
    public Job keepStopped(long id) {
        dev.eddy.store.StoreLocks.Held held = jobs.lock(id);
        held.lock();
        try {
            Job job = jobs.mine(id, "stop");
            if (!jobs.isRunning(job)) {
                store.setDesired(id, Job.DesiredState.STOPPED);
                return jobs.get(id);
            }
        } finally {
            held.unlock();
        }
        jobs.stop(id);
        return jobs.get(id);
    }

    private void awaitEnd(String flinkJobId) {
        long deadline = System.nanoTime() + CANCEL_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (!JobStates.isActive(flink.job(flinkJobId).state())) {
                    return;
                }
            } catch (ClusterException e) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobException("Interrupted while waiting for the job to be cancelled.");
            }
        }
        throw new JobException("Flink did not cancel the job within " + CANCEL_WAIT.toSeconds() + " s; look at the "
                + "Flink web UI, then try again.");
    }
}
