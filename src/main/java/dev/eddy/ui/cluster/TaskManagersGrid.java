package dev.eddy.ui.cluster;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.eddy.cluster.ClusterService;
import dev.eddy.cluster.TaskManagerStatus;
import dev.eddy.ui.Async;

/** Each TaskManager of the cluster: its task slots in use, CPU, memory and health, read off the UI thread. */
class TaskManagersGrid extends VerticalLayout {
    private final Grid<TaskManagerStatus> grid = new Grid<>();
    private final Paragraph status = new Paragraph("Asking the JobManager for its TaskManagers…");

    TaskManagersGrid(ClusterService cluster) {
        setPadding(false);
        addClassName("eddy-taskmanagers");
        grid.addColumn(TaskManagerStatus::id).setHeader("TaskManager").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(t -> t.slotsUsed() + " of " + t.slots()).setHeader("Task slots used").setAutoWidth(true);
        grid.addColumn(TaskManagersGrid::cpu).setHeader("CPU").setAutoWidth(true);
        // Flink fetches a TaskManager's metrics on the first ask: until the next look they are unknown.
        grid.addColumn(t -> t.heapMax() > 0 ? mib(t.heapUsed()) + " of " + mib(t.heapMax()) : "not measured yet")
                .setHeader("Heap used").setAutoWidth(true);
        grid.addColumn(t -> t.processMemory() > 0 ? mib(t.processMemory()) : "—").setHeader("Process memory").setAutoWidth(true);
        grid.addColumn(TaskManagerStatus::health).setHeader("Health").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.setVisible(false);
        status.addClassNames(LumoUtility.TextColor.SECONDARY, "eddy-taskmanagers-status");
        add(new H3("TaskManagers"), status, grid);
        Async.run(cluster::taskManagers, found -> {
            grid.setItems(found);
            grid.setVisible(!found.isEmpty());
            status.setText(found.isEmpty() ? "No TaskManager is registered: jobs and queries wait for one." : "");
            status.setVisible(found.isEmpty());
        }, e -> {
            status.setText("Could not read the TaskManagers: " + e.getMessage());
            status.addClassNames("eddy-message", "error");
        });
    }

    private static String cpu(TaskManagerStatus t) {
        String cores = t.cpuCores() > 0 ? t.cpuCores() + (t.cpuCores() == 1 ? " core" : " cores") : "";
        String load = t.cpuLoad() >= 0 ? Math.round(t.cpuLoad() * 100) + "% busy" : "";
        return cores.isEmpty() || load.isEmpty() ? cores + load : cores + ", " + load;
    }

    private static String mib(long bytes) {
        return bytes >= 1L << 30 ? String.format("%.1f GiB", bytes / (double) (1L << 30)) : (bytes >> 20) + " MiB";
    }
}
