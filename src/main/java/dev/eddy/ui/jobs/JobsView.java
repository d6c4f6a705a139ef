package dev.eddy.ui.jobs;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.eddy.cluster.ClusterException;
import dev.eddy.cluster.ClusterService;
import dev.eddy.cluster.JobSummary;
import dev.eddy.ui.EmptyState;
import dev.eddy.ui.MainLayout;
import dev.eddy.ui.RelativeTime;
import java.time.Duration;
import java.util.List;

/** The jobs the cluster knows, newest first, with their state. */
@Route(value = "jobs", layout = MainLayout.class)
@PageTitle("Jobs · Eddy")
class JobsView extends VerticalLayout {

    JobsView(ClusterService cluster) {
        add(new H2("Jobs"));
        List<JobSummary> jobs;
        try {
            jobs = cluster.jobs();
        } catch (ClusterException e) {
            Div error = new Div(new Span(e.getMessage()));
            error.addClassNames("eddy-message", "error");
            add(error);
            return;
        }
        if (jobs.isEmpty()) {
            add(new EmptyState("No jobs yet. A job starts when you run an INSERT INTO … statement, "
                    + "or a query, in the SQL editor.", "Open the SQL editor", ""));
            return;
        }
        Grid<JobSummary> grid = new Grid<>();
        grid.addColumn(JobSummary::name).setHeader("Name").setFlexGrow(3).setTooltipGenerator(JobSummary::name);
        grid.addColumn(new ComponentRenderer<>(j -> badge(j.state()))).setHeader("State").setAutoWidth(true);
        grid.addColumn(j -> RelativeTime.ago(j.started())).setHeader("Started").setAutoWidth(true);
        grid.addColumn(j -> duration(j.duration())).setHeader("Duration").setAutoWidth(true);
        grid.addColumn(JobSummary::id).setHeader("Job id").setAutoWidth(true);
        grid.setItems(jobs);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        add(grid);
        setSizeFull();
    }

    private static Span badge(String state) {
        Span badge = new Span(state);
        String theme = switch (state) {
            case "RUNNING" -> "badge success";
            case "FAILED", "FAILING" -> "badge error";
            case "FINISHED" -> "badge contrast";
            default -> "badge";
        };
        badge.getElement().getThemeList().add(theme);
        return badge;
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
