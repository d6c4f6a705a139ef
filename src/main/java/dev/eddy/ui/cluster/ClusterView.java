package dev.eddy.ui.cluster;

import jakarta.annotation.security.PermitAll;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import com.vaadin.flow.component.grid.Grid;
import dev.eddy.cluster.ClusterException;
import dev.eddy.cluster.ClusterLogs;
import dev.eddy.cluster.ClusterNodes;
import dev.eddy.cluster.ClusterOverview;
import dev.eddy.cluster.ClusterPlan;
import dev.eddy.cluster.ClusterService;
import dev.eddy.security.Access;
import dev.eddy.security.Role;
import dev.eddy.ui.MainLayout;

/** The Flink cluster at a glance: version, task managers, slots and jobs, with a link to Flink's UI. */
@Route(value = "cluster", layout = MainLayout.class)
@PageTitle("Cluster · Eddy")
@PermitAll
class ClusterView extends VerticalLayout {

    ClusterView(ClusterService cluster, ClusterLogs logs, dev.eddy.observe.ClusterHistory history) {
        add(new H2("Cluster"));
        Anchor flinkUi = new Anchor(cluster.webUiLink(), "Open Flink's web UI");
        flinkUi.setTarget("_blank");
        Paragraph addresses = new Paragraph(new Span("JobManager REST API at " + cluster.webUiUrl() + ", SQL Gateway at "
                + cluster.gatewayUrl() + ". "), flinkUi);
        if (Access.allows(Role.ADMIN)) {
            com.vaadin.flow.router.RouterLink settings = new com.vaadin.flow.router.RouterLink("Cluster settings",
                    ClusterSettingsView.class);
            settings.addClassName("eddy-cluster-settings-link");
            addresses.add(new Span(" · "), settings);
        }
        add(addresses);
        Paragraph watcher = new Paragraph(cluster.watcher());
        watcher.addClassName("eddy-watcher");
        watcher.addClassNames(LumoUtility.TextColor.SECONDARY);
        add(watcher);
        ClusterNodes.Nodes nodes = cluster.nodes();
        Paragraph plan = new Paragraph(new Span("Plan: "), new Span(nodes.planTitle()), new Span(" — " + explain(nodes.plan())));
        plan.addClassName("eddy-plan");
        add(plan);
        if (nodes.leader() != null) {
            Paragraph leader = new Paragraph(new Span("Leading JobManager: "), new Span(nodes.leader()),
                    new Span(" — Eddy, the SQL Gateway and Flink's web UI follow it when a standby takes over."));
            leader.addClassName("eddy-leader");
            add(leader);
        }
        if (nodes.stateStorage() != null) {
            Paragraph state = new Paragraph("Checkpoints and savepoints: " + nodes.stateStorage());
            state.addClassName("eddy-state-storage");
            add(state);
        }
        if (!nodes.processes().isEmpty()) {
            Grid<ClusterNodes.NodeProcess> processes = new Grid<>();
            processes.addClassName("eddy-nodes");
            processes.addColumn(ClusterNodes.NodeProcess::name).setHeader("Process").setAutoWidth(true);
            processes.addColumn(p -> (p.running() ? "Running (pid " + p.pid() + ")" : "Stopped: Eddy starts it again")
                    + (p.leader() ? " · leader" : "")).setHeader("State").setAutoWidth(true);
            processes.addColumn(p -> p.started() == null ? "" : dev.eddy.ui.RelativeTime.ago(p.started()))
                    .setHeader("Started").setAutoWidth(true);
            processes.addColumn(p -> p.restarts() == 0 ? "none" : String.valueOf(p.restarts()))
                    .setHeader("Started again after a stop").setAutoWidth(true);
            processes.setItems(nodes.processes());
            processes.setAllRowsVisible(true);
            processes.setMaxWidth("56em");
            add(processes);
        }
        try {
            ClusterOverview o = cluster.overview();
            FlexLayout tiles = new FlexLayout(
                    tile("Flink version", o.flinkVersion()),
                    tile("Task managers", String.valueOf(o.taskManagers())),
                    tile("Task slots free", o.slotsAvailable() + " of " + o.slotsTotal()),
                    tile("Jobs running", String.valueOf(o.jobsRunning())),
                    tile("Jobs finished", String.valueOf(o.jobsFinished())),
                    tile("Jobs cancelled", String.valueOf(o.jobsCancelled())),
                    tile("Jobs failed", String.valueOf(o.jobsFailed())));
            tiles.setFlexWrap(FlexLayout.FlexWrap.WRAP);
            tiles.addClassNames(LumoUtility.Gap.MEDIUM);
            add(tiles, new TaskManagersGrid(cluster), new ClusterHistoryPanel(history));
        } catch (ClusterException e) {
            Div error = new Div(new Span(e.getMessage()));
            error.addClassNames("eddy-message", "error");
            add(error);
        }
        if (Access.allows(Role.ADMIN)) {
            add(new ClusterLogsPanel(logs));
        }
    }

    private static String explain(ClusterPlan plan) {
        return switch (plan) {
            case EMBEDDED -> "Flink runs inside Eddy's JVM and stops with it.";
            case SINGLE_NODE -> "a JobManager and a TaskManager run as processes of their own. Eddy starts one "
                    + "again when it stops; they keep running when Eddy stops, and Eddy takes them over when it starts.";
            case THREE_NODE -> "each node a JobManager, a TaskManager and a ZooKeeper peer, run as processes of "
                    + "their own. One JobManager leads, the others stand by; when it or its whole node is lost, a standby takes over the jobs "
                    + "from their latest checkpoints, and Eddy starts the lost processes again.";
            case REMOTE -> "a session cluster Eddy uses but does not run.";
        };
    }

    private static Div tile(String label, String value) {
        Span v = new Span(value);
        v.addClassNames(LumoUtility.FontSize.XXLARGE, LumoUtility.FontWeight.SEMIBOLD);
        Span l = new Span(label);
        l.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        Div tile = new Div(v, new Div(l));
        tile.addClassNames(LumoUtility.Padding.MEDIUM, LumoUtility.BorderRadius.MEDIUM, LumoUtility.Background.CONTRAST_5);
        tile.setMinWidth("11em");
        return tile;
    }
}
