package dev.eddy.ui.integrations;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.eddy.integration.IntegrationException;
import dev.eddy.observe.MetricsExport;
import dev.eddy.ui.RelativeTime;
import java.util.Locale;
import java.util.Optional;

/** Whether Eddy sends its metrics to a PostgreSQL integration's database, into which table, and how it goes. */
class MetricsExportPanel extends HorizontalLayout {
    private final MetricsExport export;
    private final boolean admin;
    private final Checkbox send = new Checkbox("Send Eddy's metrics to this database");
    private final TextField table = new TextField();
    private final Button save = new Button("Save");
    private final Span status = new Span();
    private String integration;

    MetricsExportPanel(MetricsExport export, boolean admin) {
        this.export = export;
        this.admin = admin;
        addClassName("eddy-metrics-export");
        setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        table.setPlaceholder("eddy_metrics");
        table.setAriaLabel("Table");
        table.setWidth("16em");
        status.addClassName("eddy-status");
        save.addThemeVariants(ButtonVariant.LUMO_SMALL);
        send.setEnabled(admin);
        table.setEnabled(admin);
        save.setVisible(admin);
        send.addValueChangeListener(e -> table.setVisible(e.getValue()));
        save.addClickListener(e -> save());
        add(send, table, save, status);
    }

    void show(String integration) {
        this.integration = integration;
        Optional<MetricsExport.Export> current = export.export(integration);
        send.setValue(current.isPresent());
        table.setValue(current.map(MetricsExport.Export::table).orElse("eddy_metrics"));
        table.setVisible(current.isPresent());
        status.setText(current.map(MetricsExportPanel::describe).orElse(admin ? ""
                : "Eddy's metrics are not sent here."));
    }

    private static String describe(MetricsExport.Export e) {
        String sent = e.lastSentAt() == null ? "nothing sent yet" : String.format(Locale.ROOT, "%,d rows sent, the last %s",
                e.sent(), RelativeTime.ago(e.lastSentAt()));
        String waiting = e.waiting() == 0 ? "" : String.format(Locale.ROOT, "; %,d waiting", e.waiting());
        String dropped = e.dropped() == 0 ? "" : String.format(Locale.ROOT, "; %,d dropped (the oldest, while it was away)",
                e.dropped());
        return "Into " + e.table() + ": " + sent + waiting + dropped + (e.problem() == null ? "" : ". Not sent now: " + e.problem());
    }

    private void save() {
        try {
            if (send.getValue()) {
                export.enable(integration, table.getValue().isBlank() ? "eddy_metrics" : table.getValue());
                Notification.show("Eddy's metrics go to " + integration + " from now on, every 15 s")
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } else {
                export.disable(integration);
                Notification.show("Eddy's metrics are no longer sent to " + integration)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            }
        } catch (IntegrationException e) {
            Notification.show(e.getMessage(), 10000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        show(integration);
    }
}
