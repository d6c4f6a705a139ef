package dev.eddy.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import dev.eddy.integration.TopicPlace;
import dev.eddy.integration.TopicService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Creates a Kafka topic that a statement or a table needs but that does not exist yet; then does what waited on it. */
public class CreateTopicDialog extends Dialog {
    private static final Map<String, Optional<Duration>> RETENTION = new LinkedHashMap<>();

    static {
        RETENTION.put("The broker's default", Optional.empty());
        RETENTION.put("1 day", Optional.of(Duration.ofDays(1)));
        RETENTION.put("7 days", Optional.of(Duration.ofDays(7)));
        RETENTION.put("30 days", Optional.of(Duration.ofDays(30)));
        RETENTION.put("Forever", Optional.of(Duration.ZERO));
    }

    public CreateTopicDialog(TopicService topics, TopicPlace place, String topic, String confirm,
            Runnable created) {
        setHeaderTitle("Create topic " + topic);
        addClassName("eddy-create-topic");
        IntegerField partitions = new IntegerField("Partitions");
        partitions.setValue(1);
        partitions.setMin(1);
        partitions.setMax(10_000);
        partitions.setStepButtonsVisible(true);
        partitions.setHelperText("How many consumers can read it in parallel");
        IntegerField replicas = new IntegerField("Replicas");
        replicas.setValue(1);
        replicas.setMin(1);
        replicas.setMax(32);
        replicas.setStepButtonsVisible(true);
        replicas.setHelperText("Copies on different brokers; at most the number of brokers");
        Select<String> retention = new Select<>();
        retention.setLabel("Keep messages");
        retention.setItems(RETENTION.keySet());
        retention.setValue("The broker's default");
        FormLayout form = new FormLayout(partitions, replicas, retention);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("24em", 2));
        form.setColspan(retention, 2);
        Paragraph where = new Paragraph("In " + place.describe() + (place.integration() != null
                ? ", with its read-write credential." : ", with the connection properties of the table."));
        where.addClassName("eddy-status");
        Paragraph error = new Paragraph();
        error.addClassName("eddy-form-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        error.setVisible(false);
        add(where, form, error);

        Button create = new Button(confirm);
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClassName("eddy-create-topic-confirm");
        create.addClickListener(e -> {
            if (partitions.isInvalid() || replicas.isInvalid() || partitions.getValue() == null
                    || replicas.getValue() == null) {
                error.setText("Partitions go from 1 to 10,000 and replicas from 1 to 32.");
                error.setVisible(true);
                return;
            }
            create.setEnabled(false);
            create.setText("Creating…");
            int p = partitions.getValue();
            short r = replicas.getValue().shortValue();
            Optional<Duration> keep = RETENTION.get(retention.getValue());
            Async.run(() -> {
                topics.create(place, topic, p, r, keep);
                return topic;
            }, done -> {
                close();
                created.run();
            }, failure -> {
                error.setText(failure.getMessage());
                error.setVisible(true);
                create.setEnabled(true);
                create.setText(confirm);
            });
        });
        getFooter().add(new Button("Cancel", e -> close()), create);
        setWidth("34em");
    }
}
