package dev.eddy.ui.alerts;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import dev.eddy.observe.alert.AlertChannel;
import dev.eddy.observe.alert.AlertCondition;
import dev.eddy.observe.alert.AlertRule;
import dev.eddy.observe.alert.AlertService;
import dev.eddy.observe.alert.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Adds or changes a rule, with its condition in words as it is being set. */
class RuleDialog extends Dialog {
    private static final String EVERY = "(every one)";
    private final TextField name = new TextField("Name");
    private final Select<AlertCondition> condition = new Select<>();
    private final ComboBox<String> target = new ComboBox<>();
    private final NumberField threshold = new NumberField("Above");
    private final IntegerField window = new IntegerField("Counted over (minutes)");
    private final IntegerField holdFor = new IntegerField("Held for (minutes)");
    private final Select<Severity> severity = new Select<>();
    private final MultiSelectComboBox<String> channels = new MultiSelectComboBox<>("Tell");
    private final Checkbox enabled = new Checkbox("On", true);
    private final Paragraph when = new Paragraph();
    private final AlertService alerts;

    RuleDialog(AlertService alerts, AlertRule rule, Runnable saved) {
        this.alerts = alerts;
        setHeaderTitle(rule == null ? "Add rule" : "Change rule " + rule.name());
        setWidth("min(640px, 95vw)");
        condition.setLabel("Watch for");
        name.addClassName("eddy-rule-name");
        condition.addClassName("eddy-rule-condition");
        channels.addClassName("eddy-rule-channels");
        condition.setItems(AlertCondition.values());
        condition.setItemLabelGenerator(AlertCondition::label);
        severity.setLabel("Severity");
        severity.setItems(Severity.values());
        severity.setItemLabelGenerator(Severity::label);
        channels.setItems(alerts.channels().stream().map(AlertChannel::name).toList());
        channels.setHelperText("Channels are added on the Channels tab");
        window.setMin(1);
        window.setMax(1440);
        holdFor.setMin(0);
        holdFor.setMax(1440);
        holdFor.setHelperText("0 fires at the first sight");
        threshold.setMin(0);
        when.addClassName("eddy-rule-when");
        when.addClassNames(com.vaadin.flow.theme.lumo.LumoUtility.Background.CONTRAST_5,
                com.vaadin.flow.theme.lumo.LumoUtility.Padding.SMALL, com.vaadin.flow.theme.lumo.LumoUtility.BorderRadius.MEDIUM,
                com.vaadin.flow.theme.lumo.LumoUtility.FontWeight.MEDIUM);
        condition.addValueChangeListener(e -> conditionChanged());
        threshold.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.EAGER);
        window.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.EAGER);
        holdFor.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.EAGER);
        threshold.addValueChangeListener(e -> describe());
        window.addValueChangeListener(e -> describe());
        holdFor.addValueChangeListener(e -> describe());
        name.setValue(rule == null ? "" : rule.name());
        condition.setValue(rule == null ? AlertCondition.RESTARTS : rule.condition());
        target.setValue(rule == null || rule.target() == null ? EVERY : rule.target());
        threshold.setValue(rule == null ? 3 : rule.threshold());
        window.setValue(rule == null ? 10 : (int) rule.window().toMinutes());
        holdFor.setValue(rule == null ? 0 : (int) rule.holdFor().toMinutes());
        severity.setValue(rule == null ? Severity.CRITICAL : rule.severity());
        channels.setValue(rule == null ? java.util.Set.of() : new java.util.HashSet<>(rule.channels()));
        enabled.setValue(rule == null || rule.enabled());
        FormLayout form = new FormLayout(name, condition, target, severity, threshold, window, holdFor, channels, enabled);
        form.setColspan(channels, 2);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("26em", 2));
        add(form, when);
        Button save = new Button(rule == null ? "Add rule" : "Save", e -> {
            if (Feedback.act(() -> alerts.saveRule(draft(rule)), "Rule " + name.getValue().strip() + " saved")) {
                saved.run();
                close();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClassName("eddy-save-rule");
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    private void conditionChanged() {
        AlertCondition c = condition.getValue();
        String kept = target.getValue();
        List<String> names = new ArrayList<>(List.of(EVERY));
        names.addAll(alerts.watchable(c));
        target.setItems(names);
        target.setLabel(switch (c.watches()) {
            case JOB -> "Job";
            case INTEGRATION -> "Integration";
            case PROCESS -> "Process";
        });
        target.setEnabled(c.watches() != AlertCondition.Watches.PROCESS);
        target.setValue(names.contains(kept) ? kept : EVERY);
        threshold.setVisible(c.hasThreshold());
        threshold.setSuffixComponent(new com.vaadin.flow.component.html.Span(c.unit()));
        window.setVisible(c.counts());
        describe();
    }

    private void describe() {
        AlertCondition c = condition.getValue();
        if (c != null) {
            when.setText("Fires when " + c.when(value(threshold.getValue()), minutes(window.getValue(), 10),
                    minutes(holdFor.getValue(), 0)) + ".");
        }
    }

    private AlertRule draft(AlertRule before) {
        String watched = target.getValue() == null || EVERY.equals(target.getValue()) ? null : target.getValue();
        return new AlertRule(before == null ? null : before.id(), name.getValue().strip(), condition.getValue(), watched,
                value(threshold.getValue()), minutes(window.getValue(), 10), minutes(holdFor.getValue(), 0),
                severity.getValue(), List.copyOf(channels.getSelectedItems()), enabled.getValue());
    }

    private static double value(Double d) {
        return d == null ? 0 : d;
    }

    private static Duration minutes(Integer m, int otherwise) {
        return Duration.ofMinutes(m == null ? otherwise : m);
    }
}
