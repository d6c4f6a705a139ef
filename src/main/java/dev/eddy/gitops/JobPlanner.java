package dev.eddy.gitops;

import dev.eddy.job.Job;
import dev.eddy.job.JobDraft;
import dev.eddy.job.JobException;
import dev.eddy.job.JobService;
import dev.eddy.job.JobSettings;
import dev.eddy.job.JobStatement;
import dev.eddy.job.JobUpgrades;
import dev.eddy.job.JobVersion;
import dev.eddy.job.StateCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Plans a job of a spec against Eddy's job: its SQL and settings as a diff, whether it should run,
 * and, for a change that runs, whether its state is kept (Eddy's state check) or needs a decision.
 */
@Component
class JobPlanner {
    private final JobService jobs;
    private final JobUpgrades upgrades;

    JobPlanner(JobService jobs, JobUpgrades upgrades) {
        this.jobs = jobs;
        this.upgrades = upgrades;
    }

    /** @param checkable whether Flink can plan the SQL now (no table it may read is created or changed by this apply) */
    Step plan(JobSpec spec, boolean checkable) {
        JobSettings settings = settings(spec.settings());
        String description = spec.description() == null ? "" : spec.description().strip();
        String sql;
        try {
            sql = JobStatement.of(spec.sql()).text();
        } catch (JobException e) {
            return blocked(spec, e.getMessage());
        }
        Optional<Job> found = jobs.find(spec.name());
        if (found.isEmpty()) {
            return create(spec, sql, settings, description, checkable);
        }
        Job job = found.get();
        JobVersion current = jobs.version(job.id(), job.version());
        boolean definition = !current.statement().equals(sql) || !current.settings().equals(settings);
        boolean described = !description.equals(job.description() == null ? "" : job.description());
        boolean wantsRun = spec.running();
        boolean redeploy = wantsRun && job.shouldRun() && (definition || job.runsOlderVersion());
        if (!definition && !described && wantsRun == job.shouldRun() && !redeploy) {
            return Step.keep(ResourceKind.JOB, spec.name());
        }
        List<String> details = new ArrayList<>();
        Diff.text(current.statement(), sql).forEach(l -> details.add(l.charAt(0) + " sql: " + l.substring(2)));
        details.addAll(Diff.maps("setting ", current.settings().options(), settings.options()));
        Diff.field(details, "description", job.description(), description);
        if (wantsRun != job.shouldRun()) {
            details.add("~ state: " + (job.shouldRun() ? "running → stopped (with a savepoint)" : "stopped → running"));
        } else if (redeploy && !definition) {
            details.add("~ runs version " + job.runningVersion() + " of " + job.version() + ": redeploy the latest");
        }
        String state = null;
        String decision = null;
        JobSpec.Upgrade mode = spec.upgradeMode();
        if (wantsRun && (definition || redeploy || !job.shouldRun())) {
            try {
                StateCheck.Verdict verdict = definition ? upgrades.checkState(job.id(), sql, settings)
                        : jobs.checkState(job.id());
                if (mode == JobSpec.Upgrade.STATELESS) {
                    state = "starts without its old state (upgrade: stateless); its Kafka sources go on from where "
                            + "the old version stopped reading, other state starts empty";
                } else if (verdict.compatible()) {
                    state = verdict.summary();
                } else {
                    decision = verdict.summary() + " Set upgrade: stateless to start it without that state (its Kafka "
                            + "sources keep their positions), or change the SQL so the plan keeps its shape.";
                }
            } catch (JobException e) {
                decision = e.getMessage();
            }
        }
        Runnable work = () -> {
            if (definition || described) {
                jobs.edit(job.id(), description, sql, settings);
            }
            if (!wantsRun) {
                if (job.shouldRun()) {
                    upgrades.keepStopped(job.id());
                }
            } else if (!job.shouldRun() || redeploy) {
                bringIn(job, mode, !job.shouldRun());
            }
        };
        return new Step(new PlannedChange(ResourceKind.JOB, spec.name(), PlannedChange.Action.CHANGE, details, state,
                decision), work);
    }

    private void bringIn(Job job, JobSpec.Upgrade mode, boolean start) {
        switch (mode) {
            case STATELESS -> upgrades.stateless(job.id());
            case LAST_STATE -> upgrades.fromLastCheckpoint(job.id());
            case SAVEPOINT -> {
                if (start) {
                    jobs.restart(job.id());
                } else {
                    jobs.redeploy(job.id(), false);
                }
            }
        }
    }

    private Step create(JobSpec spec, String sql, JobSettings settings, String description, boolean checkable) {
        List<String> details = new ArrayList<>();
        sql.lines().forEach(l -> details.add("+ sql: " + l));
        details.addAll(Diff.maps("setting ", JobSettings.defaults().options(), settings.options()));
        details.add("+ state: " + (spec.running() ? "running" : "stopped"));
        String decision = null;
        if (checkable) {
            try {
                jobs.explain(sql, settings);
            } catch (JobException e) {
                decision = e.getMessage();
            }
        }
        JobDraft draft = new JobDraft(spec.name(), description, sql, settings);
        return new Step(new PlannedChange(ResourceKind.JOB, spec.name(), PlannedChange.Action.CREATE, details,
                spec.running() ? "starts with empty state" : null, decision), () -> {
                    if (spec.running()) {
                        jobs.deploy(draft);
                    } else {
                        upgrades.createStopped(draft);
                    }
                });
    }

    Step delete(Job job) {
        List<String> details = job.shouldRun() ? List.of("stops it with a savepoint first") : List.of();
        return new Step(new PlannedChange(ResourceKind.JOB, job.name(), PlannedChange.Action.DELETE, details, null, null),
                () -> {
                    if (job.shouldRun()) {
                        upgrades.keepStopped(job.id());
                    }
                    jobs.delete(job.id());
                });
    }

    /** Eddy's defaults with the spec's settings over them; a key given no value removes a default. */
    static JobSettings settings(Map<String, String> spec) {
        Map<String, String> options = new TreeMap<>(JobSettings.defaults().options());
        spec.forEach((key, value) -> {
            if (value == null || value.isBlank()) {
                options.remove(key);
            } else {
                options.put(key, value.strip());
            }
        });
        return new JobSettings(options);
    }

    /** The settings a spec writes for a job: what differs from the defaults, removed defaults as empty. */
    static Map<String, String> specSettings(JobSettings settings) {
        Map<String, String> out = new TreeMap<>();
        Map<String, String> defaults = JobSettings.defaults().options();
        settings.options().forEach((k, v) -> {
            if (!v.equals(defaults.get(k))) {
                out.put(k, v);
            }
        });
        defaults.keySet().stream().filter(k -> !settings.options().containsKey(k)).forEach(k -> out.put(k, null));
        return out;
    }

    private static Step blocked(JobSpec spec, String why) {
        return new Step(new PlannedChange(ResourceKind.JOB, spec.name(), PlannedChange.Action.CHANGE, List.of(), null,
                why), () -> {
                    throw new JobException(spec.name() + ": " + why);
                });
    }
}
