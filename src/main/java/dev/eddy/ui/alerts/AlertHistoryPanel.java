package dev.eddy.ui.alerts;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.eddy.observe.alert.AlertEvent;
import dev.eddy.observe.alert.AlertService;
import dev.eddy.observe.alert.AlertText;
import dev.eddy.observe.alert.Severity;
import dev.eddy.ui.RelativeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Firing alerts first, then what fired before: rule, subject, what was seen, when, for how long, and any channel not told. */
class AlertHistoryPanel extends VerticalLayout {
    private final AlertService alerts;
    private final Grid<AlertEvent> grid = new Grid<>();
    private final Span summary = new Span();

    AlertHistoryPanel(AlertService alerts) {
        this.alerts = alerts;
        setSizeFull();
        setPadding(false);
        grid.addClassName("eddy-alert-history");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addComponentColumn(AlertHistoryPanel::state).setHeader("State").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(e -> severity(e.severity())).setHeader("Severity").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AlertEvent::ruleName).setHeader("Rule").setAutoWidth(true);
        grid.addColumn(AlertEvent::subjectLabel).setHeader("For").setAutoWidth(true);
        grid.addColumn(AlertEvent::summary).setHeader("What was seen").setFlexGrow(3);
        grid.addColumn(e -> RelativeTime.ago(e.firedAt())).setHeader("Fired").setAutoWidth(true).setFlexGrow(0)
                .setTooltipGenerator(e -> AlertText.time(e.firedAt()));
        grid.addColumn(AlertHistoryPanel::lasted).setHeader("Lasted").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(AlertHistoryPanel::told).setHeader("Told").setAutoWidth(true).setFlexGrow(0);
        summary.addClassName("eddy-alert-summary");
        add(summary, grid);
        refresh();
    }

    void refresh() {
        List<AlertEvent> events = alerts.history(500);
        grid.setItems(events);
        long firing = events.stream().filter(AlertEvent::firing).count();
        summary.setText(firing == 0 ? "Nothing fires now." : firing == 1 ? "1 alert fires now." : firing + " alerts fire now.");
        summary.getElement().getThemeList().set("badge", true);
        summary.getElement().getThemeList().set("error", firing > 0);
        summary.getElement().getThemeList().set("success", firing == 0);
        grid.setVisible(!events.isEmpty());
    }

    private static Span state(AlertEvent e) {
        Span s = new Span(e.firing() ? "Firing" : "Resolved");
        s.getElement().getThemeList().add("badge " + (e.firing() ? "error primary" : "success"));
        return s;
    }

    static Span severity(Severity severity) {
        Span s = new Span(severity.label());
        s.getElement().getThemeList().add("badge small " + switch (severity) {
            case CRITICAL -> "error";
            case WARNING -> "warning";
            case INFO -> "contrast";
        });
        return s;
    }

    private static String lasted(AlertEvent e) {
        Instant end = e.firing() ? Instant.now() : e.resolvedAt();
        String d = AlertText.duration(Duration.between(e.firedAt(), end).withNanos(0));
        return e.firing() ? d + " so far" : d;
    }

    private static Span told(AlertEvent e) {
        if (e.delivery() != null) {
            Span s = new Span(VaadinIcon.WARNING.create(), new Span(" not all"));
            s.getElement().setAttribute("title", e.delivery());
            s.getElement().getThemeList().add("badge warning");
            return s;
        }
        Span s = new Span(e.notifiedAt() == null ? (e.firing() ? "silenced" : "—") : "yes");
        s.getElement().getThemeList().add("badge contrast");
        return s;
    }
}
