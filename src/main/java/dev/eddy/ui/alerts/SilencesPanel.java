package dev.eddy.ui.alerts;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.eddy.observe.alert.AlertService;
import dev.eddy.observe.alert.AlertText;
import dev.eddy.observe.alert.Silence;

/** Silences in effect: which rule, until when, why and by whom; admins add one or end it early. */
class SilencesPanel extends VerticalLayout {
    private final AlertService alerts;
    private final Grid<Silence> grid = new Grid<>();
    private final Paragraph empty = new Paragraph("Nothing is silenced. A silence keeps a rule's channels quiet until it ends "
            + "(during maintenance, say); its firings are still kept in the history.");

    SilencesPanel(AlertService alerts, boolean admin) {
        this.alerts = alerts;
        setSizeFull();
        setPadding(false);
        grid.addClassName("eddy-alert-silences");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(s -> s.rule() == null ? "every rule" : s.ruleName()).setHeader("Silences").setAutoWidth(true);
        grid.addColumn(s -> AlertText.time(s.endsAt())).setHeader("Until").setAutoWidth(true);
        grid.addColumn(Silence::reason).setHeader("Why").setFlexGrow(3);
        grid.addColumn(Silence::createdBy).setHeader("By").setAutoWidth(true);
        empty.addClassName("eddy-empty-text");
        if (admin) {
            grid.addComponentColumn(s -> {
                Button end = new Button("End now", e -> {
                    Feedback.act(() -> alerts.endSilence(s.id()), "Silence ended");
                    refresh();
                });
                end.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                return end;
            }).setAutoWidth(true).setFlexGrow(0);
            add(new Button("Silence every rule…", VaadinIcon.BELL_SLASH.create(),
                    e -> new SilenceDialog(alerts, null, this::refresh).open()));
        }
        add(empty, grid);
        refresh();
    }

    void refresh() {
        var silences = alerts.silences();
        grid.setItems(silences);
        grid.setVisible(!silences.isEmpty());
        empty.setVisible(silences.isEmpty());
    }
}
