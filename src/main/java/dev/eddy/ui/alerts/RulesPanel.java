package dev.eddy.ui.alerts;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.eddy.observe.alert.AlertRule;
import dev.eddy.observe.alert.AlertService;

/** The rules: what each watches, when it fires, how urgent it is and whom it tells; admins add, change and silence them. */
class RulesPanel extends VerticalLayout {
    private final AlertService alerts;
    private final Grid<AlertRule> grid = new Grid<>();
    private final Paragraph empty = new Paragraph();
    private final Runnable silencesChanged;

    RulesPanel(AlertService alerts, boolean admin, Runnable silencesChanged) {
        this.alerts = alerts;
        this.silencesChanged = silencesChanged;
        setSizeFull();
        setPadding(false);
        grid.addClassName("eddy-alert-rules");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(AlertRule::name).setHeader("Rule").setAutoWidth(true);
        grid.addColumn(AlertRule::watches).setHeader("Watches").setAutoWidth(true);
        grid.addColumn(r -> "Fires when " + r.when()).setHeader("When").setFlexGrow(3);
        grid.addComponentColumn(r -> AlertHistoryPanel.severity(r.severity())).setHeader("Severity").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> String.join(", ", r.channels())).setHeader("Tells").setAutoWidth(true);
        grid.addColumn(r -> r.enabled() ? "on" : "off").setHeader("On").setAutoWidth(true).setFlexGrow(0);
        empty.setText(admin ? "No rules yet. Add a channel first (where messages go), then a rule: a job not running, "
                + "restarting, failing checkpoints, falling behind its sources, or an integration nobody answers at."
                : "No rules yet: an admin adds them.");
        empty.addClassName("eddy-empty-text");
        if (admin) {
            grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
            Button add = new Button("Add rule", VaadinIcon.PLUS.create(), e -> new RuleDialog(alerts, null, this::refresh).open());
            add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add.addClassName("eddy-add-rule");
            add(add);
        }
        add(empty, grid);
        refresh();
    }

    void refresh() {
        var rules = alerts.rules();
        grid.setItems(rules);
        grid.setVisible(!rules.isEmpty());
        empty.setVisible(rules.isEmpty());
    }

    private HorizontalLayout actions(AlertRule rule) {
        Button edit = new Button("Edit", e -> new RuleDialog(alerts, rule, this::refresh).open());
        Button silence = new Button("Silence…", e -> new SilenceDialog(alerts, rule.name(), silencesChanged).open());
        Button delete = new Button("Delete", e -> {
            ConfirmDialog confirm = new ConfirmDialog("Delete rule " + rule.name() + "?",
                    "Its firings stay in the history; nothing is told about it any more.", "Delete",
                    ok -> {
                        Feedback.act(() -> alerts.deleteRule(rule.name()), "Rule " + rule.name() + " deleted");
                        refresh();
                    }, "Cancel", no -> { });
            confirm.setConfirmButtonTheme("error primary");
            confirm.open();
        });
        for (Button b : new Button[] {edit, silence, delete}) {
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        }
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        return new HorizontalLayout(edit, silence, delete);
    }
}
