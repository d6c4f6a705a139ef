package dev.eddy.clustersettings;

import dev.eddy.cluster.ClusterControl;
import dev.eddy.cluster.ClusterSettings;
import dev.eddy.cluster.ClusterSettingsStore;
import dev.eddy.job.JobDefaults;
import dev.eddy.job.Job;
import dev.eddy.job.JobService;
import dev.eddy.security.AuditEntry;
import dev.eddy.security.AuditLog;
import dev.eddy.security.CurrentUser;
import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import dev.eddy.store.StoreLocks;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The cluster settings admins change on the Cluster settings page and the API: every change is a
 * version, audited. A change of the cluster's own settings stops every running job with a savepoint,
 * restarts the cluster and brings each job back from its savepoint; if the cluster does not come back,
 * the previous settings are restored the same way.
 */
@Service
public class ClusterSettingsService {
    private static final Logger log = LoggerFactory.getLogger(ClusterSettingsService.class);
    private final ClusterSettingsStore store;
    private final JobDefaults defaults;
    private final JobService jobs;
    private final ClusterControl control;
    private final AuditLog audit;
    private final StoreLocks locks;

    public ClusterSettingsService(ClusterSettingsStore store, JobDefaults defaults, JobService jobs, ClusterControl control,
            AuditLog audit, DataSource dataSource) {
        this.store = store;
        this.defaults = defaults;
        this.jobs = jobs;
        this.control = control;
        this.audit = audit;
        // One apply at a time, across every Eddy on the store: two would restart the cluster under each other.
        this.locks = new StoreLocks(dataSource, 0x636C73);
    }

    /** The settings in effect (or the seed, before any admin changed them). */
    @Requires(Role.VIEWER)
    public ClusterSettings current() {
        return defaults.settings();
    }

    /** How a change of the cluster's own settings takes effect on this plan. */
    @Requires(Role.VIEWER)
    public ClusterControl.Restart restartMode() {
        return control.restart();
    }

    /** Every version, newest first. */
    @Requires(Role.VIEWER)
    public List<ClusterSettingsStore.Version> versions() {
        return store.versions();
    }

    /** What applying {@code next} would change and whether it restarts the cluster, without doing it. */
    @Requires(Role.ADMIN)
    public Preview preview(ClusterSettings next) {
        ClusterSettings now = current();
        return new Preview(next.problems(), next.changesFrom(now), next.needsClusterRestart(now) ? control.restart() : null,
                runningJobs().stream().map(Job::name).toList());
    }

    /**
     * What a change would do: {@code problems} in words (none: it can be applied), each change, how the
     * cluster restarts ({@code null}: it does not) and the running jobs that a restart stops and brings back.
     */
    public record Preview(List<String> problems, List<String> changes, ClusterControl.Restart restart, List<String> jobsToCarry) {}

    /**
     * Applies {@code next} as a new version. Job defaults apply to jobs deployed or restarted from now on;
     * a change of slots or state backend restarts the cluster with every running job carried across
     * through a savepoint. Refused in words when the settings are wrong or nothing changed.
     */
    @Requires(value = Role.ADMIN, action = "Applying cluster settings")
    public ClusterSettingsStore.Version apply(ClusterSettings next) {
        List<String> problems = next.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join(" ", problems));
        }
        StoreLocks.Held held = locks.lock(1);
        held.lock();
        try {
            ClusterSettings before = current();
            List<String> changes = next.changesFrom(before);
            if (changes.isEmpty()) {
                throw new IllegalArgumentException("Nothing changed: these are the settings in effect.");
            }
            if (next.needsClusterRestart(before) && control.restart() == ClusterControl.Restart.NOT_EDDYS) {
                throw new IllegalArgumentException("Task slots and the state backend belong to the remote cluster: set them "
                        + "in its own configuration (taskmanager.numberOfTaskSlots, state.backend.type). Eddy can change "
                        + "the job defaults here.");
            }
            int version = store.add(next, changes, CurrentUser.nameOrSystem());
            String detail = String.join("; ", changes);
            if (!next.needsClusterRestart(before)) {
                return finish(version, ClusterSettingsStore.Outcome.APPLIED,
                        "Job defaults changed: jobs deployed or restarted from now on use them; running jobs keep theirs.", detail);
            }
            if (control.restart() == ClusterControl.Restart.AT_NEXT_START) {
                control.restartWith(next.clusterLevel());
                return finish(version, ClusterSettingsStore.Outcome.AT_NEXT_START, "The cluster runs inside Eddy: the new "
                        + "slots and state backend take effect when Eddy next starts (its jobs are carried across then).", detail);
            }
            return restartCluster(version, before, next, detail);
        } finally {
            held.unlock();
        }
    }

    private ClusterSettingsStore.Version restartCluster(int version, ClusterSettings before, ClusterSettings next, String detail) {
        long t0 = System.nanoTime();
        List<Job> carried = new ArrayList<>();
        try {
            for (Job job : runningJobs()) {
                jobs.stop(job.id());
                carried.add(job);
            }
        } catch (RuntimeException e) {
            restore(carried);
            String why = "Nothing was restarted: a job could not be stopped with a savepoint (" + e.getMessage()
                    + "). The jobs stopped for it run again from their savepoints.";
            return finish(version, ClusterSettingsStore.Outcome.FAILED, why, detail);
        }
        try {
            control.restartWith(next.clusterLevel());
        } catch (RuntimeException e) {
            log.warn("The cluster did not come back with the new settings ({}); going back to the previous ones", e.getMessage());
            String rollback = "the previous settings are back";
            try {
                control.restartWith(before.clusterLevel());
            } catch (RuntimeException again) {
                rollback = "and it did not come back with the previous ones either (" + again.getMessage() + ")";
            }
            List<String> unrestored = restore(carried);
            return finish(version, ClusterSettingsStore.Outcome.FAILED, "The cluster did not come back with these settings ("
                    + e.getMessage() + "): " + rollback + ". " + carriedBack(carried, unrestored), detail);
        }
        List<String> unrestored = restore(carried);
        String took = String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9);
        return finish(version, ClusterSettingsStore.Outcome.APPLIED, "The cluster restarted with the new settings in " + took + ". " + carriedBack(carried, unrestored), detail);
    }

    private static String carriedBack(List<Job> carried, List<String> unrestored) {
        if (carried.isEmpty()) {
            return "No job was running.";
        }
        if (unrestored.isEmpty()) {
            return carried.size() == 1 ? "Its job runs again from its savepoint."
                    : "All " + carried.size() + " jobs run again from their savepoints.";
        }
        return (carried.size() - unrestored.size()) + " of " + carried.size() + " jobs run again; not: "
                + String.join("; ", unrestored) + ". Restart those from the Jobs page (their savepoints are kept).";
    }

    /** Restarts each job from its newest savepoint; says which could not be, and why. */
    private List<String> restore(List<Job> carried) {
        List<String> failed = new ArrayList<>();
        for (Job job : carried) {
            try {
                jobs.restart(job.id());
            } catch (RuntimeException e) {
                log.warn("Job '{}' could not be restarted after the cluster restart: {}", job.name(), e.getMessage());
                failed.add(job.name() + " (" + e.getMessage() + ")");
            }
        }
        return failed;
    }

    private List<Job> runningJobs() {
        return jobs.list().stream().filter(j -> j.shouldRun() && j.flinkJobId() != null).toList();
    }

    private ClusterSettingsStore.Version finish(int version, ClusterSettingsStore.Outcome outcome, String message, String detail) {
        store.finish(version, outcome, message);
        defaults.refresh();
        audit.record("Cluster settings version " + version, outcome == ClusterSettingsStore.Outcome.FAILED ? "failed" : "applied",
                outcome == ClusterSettingsStore.Outcome.FAILED ? AuditEntry.Outcome.FAILED : AuditEntry.Outcome.OK,
                detail + " — " + message);
        return store.versions().stream().filter(v -> v.version() == version).findFirst().orElseThrow();
    }

    @PreDestroy
    void close() {
        locks.close();
    }
}
