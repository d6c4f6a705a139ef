package dev.eddy.ui.jobs;

import jakarta.annotation.security.PermitAll;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import dev.eddy.security.Role;
import dev.eddy.security.Access;
import dev.eddy.cluster.JobSummary;
import dev.eddy.job.Job;
import dev.eddy.job.JobMetrics;
import dev.eddy.job.JobMonitor;
import dev.eddy.job.JobService;
import dev.eddy.job.JobVersion;
import dev.eddy.ui.EmptyState;
import dev.eddy.ui.MainLayout;
import dev.eddy.ui.RelativeTime;
import java.util.List;
import java.util.Map;

/** The jobs Eddy deployed, live: state, version, uptime, restarts, throughput, checkpoints, tables; and the others on the cluster. */
@Route(value = "jobs", layout = MainLayout.class)
@PageTitle("Jobs · Eddy")
@PermitAll
class JobsView extends VerticalLayout {
    private final JobService jobs;
    private final JobMonitor monitor;
    private final dev.eddy.gitops.SpecService specs;
    /** A refresh is on its way: the next poll does not start another. */
    private boolean loading;
    private final JobActions actions;
    private final Grid<Row> grid = new Grid<>();
    private final Grid<JobSummary> others = new Grid<>();
    private final H3 othersTitle = new H3("Other jobs on the cluster");
    private final Span othersHelp = new Span();
    private final EmptyState empty = new EmptyState("Pipelines you deploy run here for as long as you need: write an "
            + "INSERT INTO … in the editor and choose Deploy as job.", "Open the SQL editor", "");

    /** A job with its live figures and the tables its current version uses. */
    record Row(Job job, JobMetrics metrics, JobVersion version, List<String> olderTables, List<String> olderLibraries,
            String specProject) {}

    JobsView(JobService jobs, JobMonitor monitor, dev.eddy.gitops.SpecService specs) {
        this.specs = specs;
        this.jobs = jobs;
        this.monitor = monitor;
        this.actions = new JobActions(jobs, this::refresh);
        Button deploy = new Button("Deploy from the editor", VaadinIcon.PLUS.create(), e -> UI.getCurrent().navigate(""));
        deploy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        deploy.setVisible(Access.allows(Role.DEVELOPER));
        HorizontalLayout header = new HorizontalLayout(new H2("Jobs"), deploy);
        header.setDefaultVerticalComponentAlignment(Alignment.BASELINE);

        grid.addColumn(new ComponentRenderer<>(r -> {
            RouterLink link = new RouterLink(r.job().name(), JobView.class, r.job().id());
            link.getElement().setAttribute("title", r.job().description().isBlank() ? r.job().name() : r.job().description());
            return dev.eddy.ui.SpecBadge.named(link, r.specProject());
        })).setHeader("Job").setFlexGrow(2).setComparator(r -> r.job().name().toLowerCase());
        grid.addColumn(new ComponentRenderer<>(r -> JobBadges.status(r.job(), r.olderTables(), r.olderLibraries()))).setHeader("Status").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> "v" + r.job().version()).setHeader("Version").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> r.job().owner() == null ? "" : r.job().owner()).setHeader("Owner").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> r.job().isActive() ? JobBadges.duration(r.metrics().uptime()) : "").setHeader("Uptime").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> r.job().isActive() ? String.valueOf(r.metrics().restarts()) : "").setHeader("Restarts")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> r.job().isActive() ? JobBadges.rate(r.metrics().recordsInPerSecond()) : "").setHeader("In")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> r.job().isActive() ? JobBadges.rate(r.metrics().recordsOutPerSecond()) : "").setHeader("Out")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> r.metrics().lastCheckpoint() == null ? "" : RelativeTime.ago(r.metrics().lastCheckpoint()))
                .setHeader("Last checkpoint").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> tables(r.version())).setHeader("Reads → writes").setAutoWidth(true).setFlexGrow(1)
                .setTooltipGenerator(r -> tables(r.version()));
        grid.addComponentColumn(r -> {
            Icon more = VaadinIcon.ELLIPSIS_DOTS_H.create();
            more.addClassName("eddy-job-more");
            more.getElement().setAttribute("data-job", r.job().name());
            more.getElement().setAttribute("title", "Actions (or click the row)");
            return more;
        }).setWidth("4em").setFlexGrow(0);
        actions.contextMenu(grid, Row::job);
        grid.setItemDetailsRenderer(new ComponentRenderer<>(r -> failure(r.job())));
        grid.setDetailsVisibleOnClick(false);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addClassName("eddy-jobs");
        grid.setAllRowsVisible(true);

        others.addColumn(JobSummary::name).setHeader("Name").setFlexGrow(3).setTooltipGenerator(JobSummary::name);
        others.addColumn(new ComponentRenderer<>(j -> JobBadges.state(j.state()))).setHeader("State").setAutoWidth(true);
        others.addColumn(j -> RelativeTime.ago(j.started())).setHeader("Started").setAutoWidth(true);
        others.addColumn(new ComponentRenderer<>(j -> {
            Button cancel = new Button("Cancel", e -> {
                try {
                    monitor.cancelUnmanaged(j.id());
                } catch (RuntimeException ex) {
                    JobActions.notify(ex.getMessage(), true);
                }
                refresh();
            });
            cancel.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            cancel.setVisible(j.isRunning());
            return cancel;
        })).setAutoWidth(true);
        others.addThemeVariants(GridVariant.LUMO_COMPACT);
        others.setAllRowsVisible(true);
        othersHelp.setText("Not managed by Eddy: queries running in the editor, jobs from Flink's SQL Client or other tools.");
        othersHelp.addClassName("eddy-help");
        add(header, empty, grid, othersTitle, othersHelp, others);
        refresh();
        // Every 3 s the figures are read off the UI thread: a slow cluster must not hold the page's lock.
        dev.eddy.ui.LiveRefresh.every3Seconds(this, () -> {
            if (!loading) {
                loading = true;
                dev.eddy.ui.Async.run(this::load, this::show, e -> loading = false);
            }
        });
    }

    /** What the page shows, read in one go: Eddy's jobs with their figures, and the cluster's other jobs. */
    private record Snapshot(List<Row> rows, List<JobSummary> unmanaged) {}

    private Snapshot load() {
        Map<String, String> managed = specs.managed(dev.eddy.gitops.ResourceKind.JOB);
        List<Row> rows = jobs.list().stream().map(j -> new Row(j, monitor.metrics(j), jobs.version(j.id(), j.version()),
                jobs.olderTables(j), jobs.olderLibraries(j), managed.get(j.name()))).toList();
        return new Snapshot(rows, monitor.unmanaged());
    }

    private void refresh() {
        show(load());
    }

    private void show(Snapshot snapshot) {
        loading = false;
        List<Row> rows = snapshot.rows();
        grid.setItems(rows);
        rows.forEach(r -> grid.setDetailsVisible(r, r.job().failure() != null && !r.job().isActive()));
        grid.setVisible(!rows.isEmpty());
        empty.setVisible(rows.isEmpty());
        List<JobSummary> unmanaged = snapshot.unmanaged();
        others.setItems(unmanaged);
        others.setVisible(!unmanaged.isEmpty());
        othersTitle.setVisible(!unmanaged.isEmpty());
        othersHelp.setVisible(!unmanaged.isEmpty());
    }

    private static Span failure(Job job) {
        Span text = new Span(job.failure() == null ? "" : job.failure());
        text.addClassNames("eddy-job-failure");
        text.getStyle().set("color", "var(--lumo-error-text-color)").set("font-size", "var(--lumo-font-size-s)");
        return text;
    }

    private static String tables(JobVersion v) {
        return String.join(", ", v.reads().stream().map(JobBadges::shortName).toList()) + " → "
                + String.join(", ", v.writes().stream().map(JobBadges::shortName).toList());
    }
}
