package dev.eddy.job;

import dev.eddy.security.AccessRefusedException;
import dev.eddy.security.Actor;
import dev.eddy.security.CurrentUser;
import dev.eddy.security.Requires;
import dev.eddy.security.SqlPolicy;
import dev.eddy.security.Role;
import dev.eddy.cluster.ClusterException;
import dev.eddy.cluster.JobManagerClient;
import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.GatewaySession;
import dev.eddy.gateway.GatewaySessions;
import dev.eddy.sql.SinkTopics;
import dev.eddy.security.WriteTrust;
import dev.eddy.gateway.StatementResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.eddy.store.StoreLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Deploys statements as named, versioned jobs and steers them through their life: stop with a
 * savepoint, cancel, restart from the newest safe state, edit and redeploy.
 */
@Service
@EnableConfigurationProperties(JobProperties.class)
public class JobService {
    private static final Logger log = LoggerFactory.getLogger(JobService.class);
    private final JobRepository store;
    private final GatewaySessions sessions;
    private final JobManagerClient flink;
    private final JobProperties properties;
    private final SavepointBook book;
    private final RestorePoints points;
    private final StoreLocks locks;

    private final JobTables tables;
    private final JobLibraries libraries;
    private final SinkTopics sinkTopics;

    private final SqlPolicy policy;
    private final JobDefaults defaults;

    JobService(JobRepository store, GatewaySessions sessions, JobManagerClient flink, JobProperties properties,
            JobTables tables, SinkTopics sinkTopics, SqlPolicy policy, SavepointBook book, StoreLocks jobLocks,
            RestorePoints points, JobDefaults defaults, JobLibraries libraries) {
        this.defaults = defaults;
        this.libraries = libraries;
        this.points = points;
        this.locks = jobLocks;
        this.book = book;
        this.policy = policy;
        this.tables = tables;
        this.sinkTopics = sinkTopics;
        this.store = store;
        this.sessions = sessions;
        this.flink = flink;
        this.properties = properties;
    }

    /** Asks Flink to plan the statement with the settings, without running it. */
    @Requires(value = Role.DEVELOPER, action = "Planning jobs")
    public JobPlan explain(String sql, JobSettings settings) {
        JobStatement statement = JobStatement.of(sql);
        policy.require(statement.text());
        policy.requireSettings(settings.options());
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new JobException(String.join(" ", problems));
        }
        try (GatewaySession session = sessions.open("eddy-explain")) {
            Map<String, String> options = new LinkedHashMap<>(settings.options());
            options.putAll(WriteTrust.options());
            StatementResult result = session.run(statement.explain(), 1, options);
            String plan = result.rows().isEmpty() ? "" : String.valueOf(result.rows().get(0).fields().get(0));
            // A missing topic passes planning and fails the running job only minutes later.
            sinkTopics.missing(statement.text(), ddl -> session.run(ddl, 1)).ifPresent(missing -> {
                throw new JobException(missing.describe(), missing);
            });
            return new JobPlan(plan, JobStatement.reads(plan), JobStatement.writes(plan));
        } catch (GatewayException e) {
            throw new JobException("Flink cannot plan this job: " + e.describe(), e);
        }
    }

    /** Saves the job as version 1 and starts it; the job is kept even if Flink refuses to start it. */
    @Requires(value = Role.DEVELOPER, action = "Deploying jobs")
    public Job deploy(JobDraft draft) {
        Job job = save(draft);
        return locked(job.id(), () -> {
            return start(job, job.version(), null, false);
        });
    }

    /** Saves a new job's version 1, stopped, once its name is free and Flink can plan its statement. */
    Job save(JobDraft draft) {
        String name = draft.checkedName();
        if (store.findByName(name).isPresent()) {
            throw new JobException("A job named '" + name + "' exists already: pick another name, or edit that job.");
        }
        JobPlan plan = explain(draft.statement(), draft.settings());
        return store.create(name, blankToEmpty(draft.description()),
                version(draft.statement(), draft.settings(), plan), CurrentUser.get().map(Actor::name).orElse(null));
    }

    /** What a job deployed now starts with: the seed's settings and the job defaults an admin set for the cluster. */
    @Requires(Role.VIEWER)
    public JobSettings defaultSettings() {
        return defaults.jobSettings();
    }

    @Requires(Role.VIEWER)
    public List<Job> list() {
        return store.all();
    }

    @Requires(Role.VIEWER)
    public Job get(long id) {
        return store.find(id).orElseThrow(() -> JobException.missing("Job " + id + " does not exist (any more)."));
    }

    @Requires(Role.VIEWER)
    public Optional<Job> find(String name) {
        return store.findByName(name);
    }

    @Requires(Role.VIEWER)
    public List<JobVersion> versions(long id) {
        return store.versions(id);
    }

    @Requires(Role.VIEWER)
    public JobVersion version(long id, int version) {
        return store.version(id, version).orElseThrow(() -> new JobException("Job " + id + " has no version " + version));
    }

    @Requires(Role.VIEWER)
    public List<JobRun> runs(long id) {
        return store.runs(id);
    }

    @Requires(Role.VIEWER)
    public List<Savepoint> savepoints(long id) {
        return store.savepoints(id).stream().filter(s -> s.kind() == Savepoint.Kind.SAVEPOINT).toList();
    }

    /** Every savepoint and retained checkpoint the job can restart from, newest first. */
    @Requires(Role.VIEWER)
    public List<RestorePoint> restorePoints(long id) {
        return points.of(store.savepoints(id), store.runs(id));
    }

    /** Stops the job with a savepoint; it restarts from there. */
    @Requires(value = Role.DEVELOPER, action = "Stopping jobs")
    public Savepoint stop(long id) {
        return locked(id, () -> {
            Job job = running(id, "stop");
            String path = flink.stopWithSavepoint(job.flinkJobId(), null, properties.savepointTimeout());
            return book.stopped(job, path);
        });
    }

    /** Takes a savepoint of the running job, which keeps running. */
    @Requires(value = Role.DEVELOPER, action = "Taking savepoints")
    public Savepoint savepoint(long id) {
        return locked(id, () -> {
            Job job = running(id, "take a savepoint of");
            return recordSavepoint(job, flink.savepoint(job.flinkJobId(), null, properties.savepointTimeout()), "taken by hand");
        });
    }

    /** Cancels the job without a savepoint; its latest checkpoint is kept to restart from. */
    @Requires(value = Role.DEVELOPER, action = "Cancelling jobs")
    public void cancel(long id) {
        locked(id, () -> {
            Job job = running(id, "cancel");
            recordCheckpoint(job.flinkJobId());
            store.setDesired(id, Job.DesiredState.STOPPED);
            flink.cancel(job.flinkJobId());
        });
    }

    /** Restarts a stopped, cancelled or failed job's current version from the newest safe state. */
    @Requires(value = Role.DEVELOPER, action = "Restarting jobs")
    public Job restart(long id) {
        return restart(id, restorePoints(id).stream().findFirst().orElse(null), false);
    }

    /**
     * Restarts the job's current version from a chosen state ({@code null}: empty state).
     * {@code allowNonRestored} is consent to drop state that does not fit: the version then starts without state.
     */
    @Requires(value = Role.DEVELOPER, action = "Restarting jobs")
    public Job restart(long id, RestorePoint from, boolean allowNonRestored) {
        return locked(id, () -> {
            Job job = mine(id, "restart");
            if (isRunning(job)) {
                throw new JobException("'" + job.name() + "' is running: stop it (with a savepoint) before restarting it.");
            }
            if (from != null && points.presence(from.path()) == RestorePoints.Presence.GONE) {
                throw new JobException("The state at " + from.path() + " is gone; pick another savepoint or checkpoint.");
            }
            if (from != null && from.version() != job.version()) {
                StateCheck.Verdict verdict = StateCheck.compare(version(id, from.version()).plan(),
                        version(id, job.version()).plan());
                if (!verdict.compatible() && !allowNonRestored) {
                    throw new StateMismatchException(verdict);
                }
                if (!verdict.compatible()) {
                    return start(job, job.version(), null, false);
                }
            }
            return start(job, job.version(), from == null ? null : from.path(), allowNonRestored);
        });
    }

    /** Saves new SQL or settings as the job's next version; a running job keeps its version until redeployed. */
    @Requires(value = Role.DEVELOPER, action = "Editing jobs")
    public JobVersion edit(long id, String description, String sql, JobSettings settings) {
        return locked(id, () -> {
            Job job = mine(id, "edit");
            JobVersion current = version(id, job.version());
            JobStatement statement = JobStatement.of(sql);
            if (statement.text().equals(current.statement()) && settings.equals(current.settings())
                    && blankToEmpty(description).equals(job.description())) {
                throw new JobException("Nothing changed: version " + current.version() + " has this SQL and these settings.");
            }
            JobPlan plan = explain(sql, settings);
            return store.addVersion(id, blankToEmpty(description), version(sql, settings, plan));
        });
    }

    /**
     * Whether the state the job would restart from (what runs now, or its newest savepoint or
     * checkpoint) fits the job's current version.
     */
    @Requires(Role.VIEWER)
    public StateCheck.Verdict checkState(long id) {
        Job job = get(id);
        Integer savedBy = isRunning(job) ? job.runningVersion()
                : restorePoints(id).stream().findFirst().map(RestorePoint::version).orElse(null);
        if (savedBy == null) {
            return new StateCheck.Verdict(List.of(), List.of(), List.of());
        }
        return StateCheck.compare(version(id, savedBy).plan(), version(id, job.version()).plan());
    }

    /**
     * Runs the job's current version in place of what runs now: stops the running one with a
     * savepoint and starts the new version from it (or from the newest safe state when stopped).
     * When the saved state does not fit the new plan, nothing is touched unless
     * {@code allowNonRestored} says the user agreed to drop it: then the new version starts without
     * state, as the verdict told (sources from their start position, aggregations from zero).
     */
    @Requires(value = Role.DEVELOPER, action = "Redeploying jobs")
    public Job redeploy(long id, boolean allowNonRestored) {
        return locked(id, () -> {
            Job job = mine(id, "redeploy");
            StateCheck.Verdict verdict = checkState(id);
            if (!verdict.compatible() && !allowNonRestored) {
                throw new StateMismatchException(verdict);
            }
            RestorePoint from;
            if (isRunning(job)) {
                String path = flink.stopWithSavepoint(job.flinkJobId(), null, properties.savepointTimeout());
                store.ended(job.flinkJobId(), "FINISHED");
                Savepoint s = recordSavepoint(job, path, "before version " + job.version());
                from = new RestorePoint(s.path(), s.kind(), s.createdAt(), s.version(), s.reason(), s.sizeBytes());
            } else {
                from = restorePoints(id).stream().findFirst().orElse(null);
            }
            if (!verdict.compatible()) {
                // Consent to drop state that no longer fits means all of it: Flink would still restore the
                // operators whose ids happen to match (a source's offsets without the counts built on
                // them), which gives wrong results without a word. The savepoint stays to go back to.
                return start(get(id), job.version(), null, false);
            }
            return start(get(id), job.version(), from == null ? null : from.path(), allowNonRestored);
        });
    }

    /** Removes a job that is not running, with its versions and savepoint records. */
    @Requires(value = Role.DEVELOPER, action = "Deleting jobs")
    public void delete(long id) {
        locked(id, () -> {
            Job job = mine(id, "delete");
            if (isRunning(job)) {
                throw new JobException("'" + job.name() + "' is running: stop or cancel it before deleting it.");
            }
            store.delete(id);
        });
    }

    /** Whether Flink runs a job Eddy started (or Eddy has just started it). */
    public boolean isManaged(String flinkJobId) {
        return store.isManaged(flinkJobId);
    }

    /** Of these Flink jobs, the ones that are runs of Eddy's jobs. */
    java.util.Set<String> managedAmong(java.util.Collection<String> flinkJobIds) {
        return store.managedAmong(flinkJobIds);
    }

    /** Starts a version of a job, optionally from saved state, and records the run. */
    Job start(Job job, int version, String restorePath, boolean allowNonRestored) {
        return start(job, version, restorePath, allowNonRestored, java.util.function.UnaryOperator.identity());
    }

    /** As {@link #start(Job, int, String, boolean)}, running the version's statement as {@code rewrite} turns it. */
    Job start(Job job, int version, String restorePath, boolean allowNonRestored,
            java.util.function.UnaryOperator<String> rewrite) {
        JobVersion v = version(job.id(), version);
        Map<String, String> options = new LinkedHashMap<>(v.settings().options());
        options.put("pipeline.name", job.name());
        options.put("table.dml-sync", "false");
        options.put("execution.runtime-mode", "streaming");
        // A developer's deploy or restart may not write through an integration limited to reading for them.
        options.putAll(WriteTrust.options());
        // Checkpoints outlive a cancel, so a cancelled or lost job restarts where it was.
        options.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        options.putIfAbsent("execution.checkpointing.num-retained", "3");
        if (restorePath != null) {
            options.put("execution.state-recovery.path", restorePath);
            options.put("execution.state-recovery.ignore-unclaimed-state", String.valueOf(allowNonRestored));
        }
        try (GatewaySession session = sessions.open("eddy-job-" + job.id())) {
            for (String pin : libraries.pins(v)) {
                session.run(pin, 1);
            }
            StatementResult result = session.run(rewrite.apply(v.statement()), 10, options);
            String flinkJobId = result.jobId().orElseThrow(() -> new JobException("Flink accepted '" + job.name()
                    + "' but named no job for it; look at the Flink web UI for what runs."));
            store.started(job.id(), flinkJobId, version, restorePath);
            log.info("Job '{}' version {} started as Flink job {}{}", job.name(), version, flinkJobId,
                    restorePath == null ? " with empty state" : " from " + restorePath);
            return get(job.id());
        } catch (GatewayException e) {
            String reason = "Flink refused to start version " + version + ": " + e.describe();
            store.setDesired(job.id(), Job.DesiredState.STOPPED);
            store.setState(job.id(), "FAILED", reason);
            throw new JobException("'" + job.name() + "' was saved but could not start. " + reason, e);
        }
    }

    void recordCheckpoint(String flinkJobId) {
        book.recordCheckpoint(flinkJobId);
    }

    Savepoint recordSavepoint(Job job, String path, String reason) {
        return book.recordSavepoint(job, path, reason);
    }

    /**
     * The job, when the acting user may manage it (its owner, an admin; Eddy itself always): a
     * developer cannot stop, restart, edit or delete another developer's job.
     */
    Job mine(long id, String action) {
        Job job = get(id);
        CurrentUser.get().filter(actor -> !job.manageableBy(actor)).ifPresent(actor -> {
            throw new AccessRefusedException("'" + job.name() + "' belongs to " + job.owner() + ": only they or an admin "
                    + "can " + action + " it. Ask " + job.owner() + " or an admin.");
        });
        return job;
    }

    private Job running(long id, String action) {
        Job job = mine(id, action);
        if (!isRunning(job)) {
            throw new JobException("'" + job.name() + "' is not running (" + job.state().toLowerCase()
                    + "), so there is nothing to " + action + ".");
        }
        return job;
    }

    boolean isRunning(Job job) {
        if (job.flinkJobId() == null) {
            return false;
        }
        try {
            return flink.job(job.flinkJobId()).isRunning();
        } catch (ClusterException e) {
            return false;
        }
    }

    /** Runs one action on the job, none other on it meanwhile. */
    <T> T locked(long id, java.util.function.Supplier<T> action) {
        StoreLocks.Held held = lock(id);
        held.lock();
        try {
            return action.get();
        } finally {
            held.unlock();
        }
    }

    private void locked(long id, Runnable action) {
        locked(id, () -> {
                action.run();
                return null;
        });
    }

    /**
     * The job's lock, held in the store: one action on a job at a time across every Eddy on the
     * store; the watcher skips a job whose action takes long.
     */
    StoreLocks.Held lock(long id) {
        return locks.lock(id);
    }

    private JobVersion version(String sql, JobSettings settings, JobPlan plan) {
        return new JobVersion(0, 0, JobStatement.of(sql).text(), settings, plan.plan(), plan.reads(), plan.writes(),
                tables.versionsOf(plan), libraries.versionsOf(sql), null);
    }

    /**
     * The tables edited since the version the job runs (or last ran) was made: "orders (v2, now v3)".
     * The job keeps its old definition until it is redeployed.
     */
    @Requires(Role.VIEWER)
    public List<String> olderTables(Job job) {
        return tables.olderTables(job);
    }

    /**
     * The function libraries with a newer version than the job's runs (or last ran) with:
     * "string-functions (v1, now v2)". The job keeps its code until it is redeployed.
     */
    @Requires(Role.VIEWER)
    public List<String> olderLibraries(Job job) {
        return libraries.olderLibraries(job);
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.strip();
    }
}
