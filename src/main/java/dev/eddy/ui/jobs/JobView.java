package dev.eddy.ui.jobs;

import jakarta.annotation.security.PermitAll;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import dev.eddy.job.CheckpointStat;
import dev.eddy.job.Job;
import dev.eddy.job.JobException;
import dev.eddy.job.JobFailure;
import dev.eddy.job.JobMetrics;
import dev.eddy.job.JobMonitor;
import dev.eddy.job.JobRun;
import dev.eddy.job.JobService;
import dev.eddy.job.JobVersion;
import dev.eddy.job.JobVertex;
import dev.eddy.job.RestorePoint;
import dev.eddy.ui.MainLayout;
import dev.eddy.ui.RelativeTime;
import java.util.List;

/** One job: its live state and figures, graph, checkpoints and savepoints, failures, versions and runs. */
@Route(value = "job", layout = MainLayout.class)
@PermitAll
class JobView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {
    private final JobService jobs;
    private final JobMonitor monitor;
    private final JobActions actions;
    private final H2 title = new H2();
    private final HorizontalLayout header = new HorizontalLayout();
    private final Span summary = new Span();
    private final Div failure = new Div();
    private final Grid<JobVertex> graph = new Grid<>();
    private final Grid<CheckpointStat> checkpoints = new Grid<>();
    private final Grid<RestorePoint> restorePoints = new Grid<>();
    private final VerticalLayout failures = new VerticalLayout();
    private final VerticalLayout versions = new VerticalLayout();
    private final Grid<JobRun> runs = new Grid<>();
    private final JobHistory historyTab;
    private final JobLogsTab logsTab;
    private TabSheet tabs;
    private Job job;
    private String headerShows = "";

    JobView(JobService jobs, JobMonitor monitor, dev.eddy.observe.MetricHistory history, dev.eddy.observe.JobLogs logs) {
        this.jobs = jobs;
        this.monitor = monitor;
        this.historyTab = new JobHistory(history);
        this.logsTab = new JobLogsTab(logs);
        this.actions = new JobActions(jobs, this::refresh);
        header.setDefaultVerticalComponentAlignment(Alignment.CENTER);
        header.setWidthFull();
        summary.addClassName("eddy-job-summary");
        failure.addClassNames("eddy-message", "error", "eddy-job-failure");

        graph.addColumn(JobVertex::name).setHeader("Task").setFlexGrow(4).setTooltipGenerator(JobVertex::name);
        graph.addColumn(JobVertex::parallelism).setHeader("Parallelism").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        graph.addColumn(new ComponentRenderer<>(v -> JobBadges.state(v.status()))).setHeader("State").setAutoWidth(true);
        graph.addColumn(v -> String.format("%,d", v.recordsIn())).setHeader("Records in").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        graph.addColumn(v -> String.format("%,d", v.recordsOut())).setHeader("Records out").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        graph.addColumn(v -> v.backPressure().isEmpty() ? "" : v.backPressure()).setHeader("Back pressure").setAutoWidth(true);
        graph.addColumn(v -> v.inputs().isEmpty() ? "source" : "after " + v.inputs().size() + " input(s)").setHeader("Position").setAutoWidth(true);
        graph.setAllRowsVisible(true);
        graph.addThemeVariants(GridVariant.LUMO_COMPACT);

        checkpoints.addColumn(CheckpointStat::id).setHeader("#").setAutoWidth(true);
        checkpoints.addColumn(c -> c.savepoint() ? "savepoint" : "checkpoint").setHeader("Kind").setAutoWidth(true);
        checkpoints.addColumn(new ComponentRenderer<>(c -> JobBadges.state(c.status()))).setHeader("Status").setAutoWidth(true);
        checkpoints.addColumn(c -> RelativeTime.ago(c.triggered())).setHeader("Taken").setAutoWidth(true);
        checkpoints.addColumn(c -> c.duration().toMillis() + " ms").setHeader("Duration").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        checkpoints.addColumn(c -> bytes(c.sizeBytes())).setHeader("Size").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        checkpoints.setAllRowsVisible(true);
        checkpoints.addThemeVariants(GridVariant.LUMO_COMPACT);

        restorePoints.addColumn(RestorePoint::label).setHeader("Savepoint or retained checkpoint").setFlexGrow(3)
                .setTooltipGenerator(RestorePoint::label);
        restorePoints.addColumn(p -> RelativeTime.ago(p.takenAt())).setHeader("Taken").setAutoWidth(true);
        restorePoints.addColumn(p -> p.sizeBytes() == null ? "" : bytes(p.sizeBytes())).setHeader("Size")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        restorePoints.addColumn(RestorePoint::path).setHeader("Path").setFlexGrow(3).setTooltipGenerator(RestorePoint::path);
        restorePoints.addColumn(new ComponentRenderer<>(p -> {
            Button restart = new Button("Restart from here", e -> {
                try {
                    jobs.restart(job.id(), p, false);
                    JobActions.notify("Restarted " + job.name() + " from " + p.label(), false);
                } catch (JobException ex) {
                    JobActions.notify(ex.getMessage(), true);
                }
                refresh();
            });
            restart.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            restart.setEnabled(!job.isActive() && JobActions.manageable(job));
            return restart;
        })).setAutoWidth(true);
        restorePoints.setAllRowsVisible(true);
        restorePoints.addThemeVariants(GridVariant.LUMO_COMPACT);

        runs.addColumn(JobRun::flinkJobId).setHeader("Flink job").setAutoWidth(true);
        runs.addColumn(r -> "v" + r.version()).setHeader("Version").setAutoWidth(true);
        runs.addColumn(r -> RelativeTime.ago(r.startedAt())).setHeader("Started").setAutoWidth(true);
        runs.addColumn(r -> r.endState() == null ? "running" : r.endState().toLowerCase() + " " + RelativeTime.ago(r.endedAt()))
                .setHeader("Ended").setAutoWidth(true);
        runs.addColumn(r -> r.restoredFrom() == null ? "empty state" : r.restoredFrom()).setHeader("Started from")
                .setFlexGrow(3).setTooltipGenerator(r -> r.restoredFrom() == null ? "" : r.restoredFrom());
        runs.setAllRowsVisible(true);
        runs.addThemeVariants(GridVariant.LUMO_COMPACT);

        Span savepointsTitle = new Span("Restart points");
        savepointsTitle.addClassName("eddy-section-title");
        TabSheet tabs = new TabSheet();
        tabs.add("Graph", graph);
        tabs.add("Checkpoints", new VerticalLayout(checkpoints, savepointsTitle, restorePoints));
        tabs.add("Failures", failures);
        tabs.add("Versions", versions);
        tabs.add("Runs", runs);
        tabs.add("History", historyTab);
        // Logs may hold data from the job's records: for those who may run statements, as the SQL editor is.
        if (dev.eddy.security.Access.allows(dev.eddy.security.Role.DEVELOPER)) {
            tabs.add("Logs", logsTab);
        }
        tabs.addSelectedChangeListener(e -> {
            if (e.getSelectedTab() != null && "History".equals(e.getSelectedTab().getLabel())) {
                refreshHistory(true);
            }
            if (e.getSelectedTab() != null && "Logs".equals(e.getSelectedTab().getLabel())) {
                logsTab.refresh();
            }
        });
        this.tabs = tabs;
        tabs.setWidthFull();
        add(header, summary, failure, tabs);
        dev.eddy.ui.LiveRefresh.every3Seconds(this, this::refresh);
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        try {
            job = jobs.get(id);
            historyTab.forJob(id);
            logsTab.forJob(job);
        } catch (JobException e) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, e.getMessage());
            return;
        }
        refresh();
    }

    @Override
    public String getPageTitle() {
        return (job == null ? "Job" : job.name()) + " · Eddy";
    }


    /** The History tab reads the store only while it is the one shown. */
    private void refreshHistory(boolean force) {
        if (tabs != null && tabs.getSelectedTab() != null && "History".equals(tabs.getSelectedTab().getLabel())) {
            historyTab.refresh(force);
        }
    }

    private void refresh() {
        if (job == null) {
            return;
        }
        refreshHistory(false);
        try {
            job = jobs.get(job.id());
            logsTab.forJob(job);
        } catch (JobException e) {
            getUI().ifPresent(ui -> ui.navigate(JobsView.class));
            return;
        }
        String shown = job.state() + "|" + job.version() + "|" + job.runningVersion() + "|" + job.flinkJobId() + "|" + job.failure();
        boolean changed = !shown.equals(headerShows);
        if (changed) {
            // Rebuilt only when it changes: buttons that moved under the pointer every 3 s would be hard to click.
            headerShows = shown;
            title.setText(job.name());
            header.removeAll();
            header.add(title, JobBadges.status(job, jobs.olderTables(job), jobs.olderLibraries(job)), actions.buttons(job));
            if (job.flinkJobId() != null) {
                Anchor flinkUi = new Anchor(monitor.flinkUiUrl(job), "Flink web UI ↗");
                flinkUi.setTarget("_blank");
                header.add(flinkUi);
            }
        }
        JobMetrics m = monitor.metrics(job);
        String running = job.runningVersion() == null ? "never ran" : job.isActive() ? "runs version " + job.runningVersion()
                : "last ran version " + job.runningVersion();
        summary.setText((job.description().isBlank() ? "" : job.description() + " · ") + "version " + job.version() + " · "
                + running + (job.isActive() ? " · up " + JobBadges.duration(m.uptime()) + " · " + m.restarts()
                + " restarts · in " + JobBadges.rate(m.recordsInPerSecond()) + " · out " + JobBadges.rate(m.recordsOutPerSecond())
                + (m.sourceLag() == null ? "" : " · " + m.sourceLag() + (m.sourceLag() == 1 ? " record" : " records") + " behind")
                + (m.lastCheckpoint() == null ? "" : " · last checkpoint " + RelativeTime.ago(m.lastCheckpoint())) : ""));
        failure.setText(job.failure() == null ? "" : job.failure());
        failure.setVisible(job.failure() != null && !job.failure().isBlank());
        graph.setItems(monitor.graph(job));
        checkpoints.setItems(monitor.checkpoints(job));
        if (changed || restorePoints.getListDataView().getItemCount() != jobs.restorePoints(job.id()).size()) {
            restorePoints.setItems(jobs.restorePoints(job.id()));
        }
        if (changed) {
            // What only changes with the job's state is left alone in between, so an open trace or diff stays open.
            runs.setItems(jobs.runs(job.id()));
            showFailures(monitor.failures(job));
            showVersions(jobs.versions(job.id()));
        }
    }

    private void showFailures(List<JobFailure> list) {
        failures.removeAll();
        if (list.isEmpty()) {
            failures.add(new Span("No failures in the current run."));
        }
        for (JobFailure f : list) {
            Span cause = new Span(RelativeTime.ago(f.at()) + (f.task().isBlank() ? "" : " · " + f.task()) + ": " + f.cause());
            Pre trace = new Pre(f.trace());
            trace.addClassName("eddy-trace");
            failures.add(cause, new Details("Flink's full trace", trace));
        }
    }

    private void showVersions(List<JobVersion> list) {
        versions.removeAll();
        for (int i = list.size() - 1; i >= 0; i--) {
            JobVersion v = list.get(i);
            Span head = new Span("Version " + v.version() + " · " + RelativeTime.ago(v.createdAt())
                    + (job.runningVersion() != null && job.runningVersion() == v.version() && job.isActive() ? " · running" : ""));
            head.getStyle().set("font-weight", "600");
            Pre sql = new Pre(v.statement());
            sql.addClassName("eddy-plan");
            versions.add(head, sql);
            if (i > 0) {
                List<String> diff = VersionDiff.between(list.get(i - 1), v);
                Pre changes = new Pre(diff.isEmpty() ? "no change" : String.join("\n", diff));
                changes.addClassName("eddy-table-diff");
                versions.add(new Details("Changes from version " + (v.version() - 1), changes));
            }
        }
    }

    private static String bytes(long n) {
        return n < 1024 ? n + " B" : n < 1 << 20 ? String.format("%.1f KiB", n / 1024.0) : String.format("%.1f MiB", n / 1048576.0);
    }
}
