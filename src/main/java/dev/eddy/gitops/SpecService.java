package dev.eddy.gitops;

import dev.eddy.integration.Integration;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.IntegrationService;
import dev.eddy.job.Job;
import dev.eddy.job.JobService;
import dev.eddy.security.CurrentUser;
import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import dev.eddy.table.TableService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Declarative management: plans a spec against what Eddy has, applies it in a safe order
 * (integrations, tables, jobs; deletions in reverse) stopping at the first failure, and exports
 * what Eddy has as a spec. Every change goes through the same services, rules and audit as a
 * click in the console.
 */
@Service
public class SpecService {
    private static final Logger log = LoggerFactory.getLogger(SpecService.class);
    private final IntegrationService integrations;
    private final TableService tables;
    private final JobService jobs;
    private final IntegrationPlanner integrationPlanner;
    private final TablePlanner tablePlanner;
    private final JobPlanner jobPlanner;
    private final SpecExport exporter;
    private final SpecMarks marks;
    /** One apply at a time: two would plan against the same state and both act on it. */
    private final Object applying = new Object();

    SpecService(IntegrationService integrations, TableService tables, JobService jobs,
            IntegrationPlanner integrationPlanner, TablePlanner tablePlanner, JobPlanner jobPlanner, SpecExport exporter,
            SpecMarks marks) {
        this.integrations = integrations;
        this.tables = tables;
        this.jobs = jobs;
        this.integrationPlanner = integrationPlanner;
        this.tablePlanner = tablePlanner;
        this.jobPlanner = jobPlanner;
        this.exporter = exporter;
        this.marks = marks;
    }

    /**
     * What applying the spec would do. {@code values} holds the values of the secrets it refers
     * to, by variable or entry name; Eddy never reads its own environment for them.
     */
    @Requires(Role.DEVELOPER)
    public SpecPlan plan(String yaml, Map<String, String> values) {
        Spec spec = SpecFile.read(yaml);
        return new SpecPlan(spec.project(), steps(spec, values).stream().map(Step::change).toList());
    }

    /** Applies the spec; refused as a whole, before anything is done, while the plan needs a decision. */
    @Requires(value = Role.DEVELOPER, action = "Applying a spec")
    public ApplyReport apply(String yaml, Map<String, String> values) {
        Spec spec = SpecFile.read(yaml);
        synchronized (applying) {
            List<Step> steps = steps(spec, values);
            SpecPlan plan = new SpecPlan(spec.project(), steps.stream().map(Step::change).toList());
            if (!plan.decisions().isEmpty()) {
                throw new SpecException("Nothing was applied; the plan needs a decision first:\n- "
                        + String.join("\n- ", plan.decisions()));
            }
            String by = CurrentUser.nameOrSystem();
            List<ApplyReport.Outcome> outcomes = new ArrayList<>();
            boolean stopped = false;
            for (Step step : steps) {
                PlannedChange change = step.change();
                if (stopped) {
                    outcomes.add(new ApplyReport.Outcome(change, ApplyReport.Result.NOT_ATTEMPTED, null));
                    continue;
                }
                try {
                    if (step.work() != null) {
                        step.work().run();
                    }
                    if (change.action() == PlannedChange.Action.DELETE) {
                        marks.unmark(change.kind(), change.name());
                    } else {
                        marks.mark(change.kind(), change.name(), spec.project(), by);
                    }
                    outcomes.add(new ApplyReport.Outcome(change, step.work() == null ? ApplyReport.Result.UNCHANGED
                            : ApplyReport.Result.DONE, null));
                } catch (RuntimeException e) {
                    log.warn("Apply of project {} stopped at {} {}: {}", spec.project(), change.kind().word(),
                            change.name(), e.getMessage());
                    outcomes.add(new ApplyReport.Outcome(change, ApplyReport.Result.FAILED, e.getMessage()));
                    stopped = true;
                }
            }
            return new ApplyReport(spec.project(), outcomes);
        }
    }

    /** Everything Eddy has (but its built-in integrations), as a spec of the project. */
    @Requires(Role.DEVELOPER)
    public String export(String project) {
        SpecExport.Exported exported = exporter.export(project);
        List<String> problems = SpecFile.problems(exported.spec());
        if (!problems.isEmpty()) {
            throw new SpecException("Eddy's resources cannot be written as a spec: " + String.join("; ", problems));
        }
        StringBuilder head = new StringBuilder("# Exported from Eddy. Secrets are references: set each named variable "
                + "where you run eddy apply.\n");
        exported.leftOut().forEach(l -> head.append("# Left out: ").append(l).append('\n'));
        return head + SpecFile.write(exported.spec());
    }

    /** Name → project of each resource of a kind a spec manages: the console marks them. */
    @Requires(Role.VIEWER)
    public Map<String, String> managed(ResourceKind kind) {
        return marks.projects(kind);
    }

    private List<Step> steps(Spec spec, Map<String, String> values) {
        Map<String, String> secrets = values == null ? Map.of() : values;
        List<Step> steps = new ArrayList<>();
        for (IntegrationSpec s : spec.integrations()) {
            steps.add(integrationPlanner.plan(s, secrets));
        }
        Map<String, IntegrationKind> kinds = new HashMap<>();
        integrations.list().forEach(i -> kinds.put(i.name(), i.kind()));
        spec.integrations().forEach(s -> kinds.put(s.name(),
                java.util.Objects.requireNonNullElse(IntegrationKind.ofSpecName(s.kind()), IntegrationKind.KAFKA)));
        Function<String, IntegrationKind> kindOf = name -> kinds.getOrDefault(name, IntegrationKind.KAFKA);
        boolean tablesChange = false;
        for (TableSpec t : spec.tables()) {
            Step step = tablePlanner.plan(t, kindOf, integrations.find(t.integration()).isPresent());
            tablesChange |= step.change().changes();
            steps.add(step);
        }
        for (JobSpec j : spec.jobs()) {
            steps.add(jobPlanner.plan(j, !tablesChange));
        }
        Set<String> jobNames = names(spec.jobs().stream().map(JobSpec::name));
        for (String name : marks.managed(ResourceKind.JOB, spec.project())) {
            Optional<Job> job = jobs.find(name);
            if (!jobNames.contains(name) && job.isPresent()) {
                steps.add(jobPlanner.delete(job.get()));
            }
        }
        Set<String> tableNames = names(spec.tables().stream().map(TableSpec::name));
        Set<String> existingTables = names(tables.list().stream().map(dev.eddy.table.TableInfo::name));
        for (String name : marks.managed(ResourceKind.TABLE, spec.project())) {
            if (!tableNames.contains(name) && existingTables.contains(name)) {
                steps.add(tablePlanner.delete(name));
            }
        }
        Set<String> integrationNames = names(spec.integrations().stream().map(IntegrationSpec::name));
        for (String name : marks.managed(ResourceKind.INTEGRATION, spec.project())) {
            Optional<Integration> integration = integrations.find(name);
            if (!integrationNames.contains(name) && integration.isPresent() && !integration.get().builtIn()) {
                steps.add(integrationPlanner.delete(integration.get()));
            }
        }
        return steps;
    }

    private static Set<String> names(java.util.stream.Stream<String> names) {
        return names.collect(Collectors.toSet());
    }
}
