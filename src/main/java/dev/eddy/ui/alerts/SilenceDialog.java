package dev.eddy.ui.alerts;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.eddy.observe.alert.AlertService;
import dev.eddy.observe.alert.AlertText;
import java.time.Duration;
import java.util.List;

/** Silences one rule (or every rule) for a while, with the reason others will read. */
class SilenceDialog extends Dialog {

    SilenceDialog(AlertService alerts, String rule, Runnable silenced) {
        setHeaderTitle(rule == null ? "Silence every rule" : "Silence " + rule);
        setWidth("min(480px, 95vw)");
        Select<Duration> duration = new Select<>();
        duration.setLabel("For");
        duration.setItems(List.of(Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4),
                Duration.ofHours(8), Duration.ofDays(1), Duration.ofDays(7)));
        duration.setItemLabelGenerator(AlertText::duration);
        duration.setValue(Duration.ofHours(1));
        TextField reason = new TextField("Why");
        reason.setPlaceholder("Kafka maintenance until 18:00");
        reason.setMaxLength(500);
        FormLayout form = new FormLayout(duration, reason);
        add(form);
        Button save = new Button("Silence", e -> {
            if (Feedback.act(() -> alerts.silence(rule, duration.getValue(), reason.getValue()),
                    (rule == null ? "Every rule" : rule) + " is silenced for " + AlertText.duration(duration.getValue()))) {
                silenced.run();
                close();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }
}
