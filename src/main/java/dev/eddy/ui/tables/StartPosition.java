package dev.eddy.ui.tables;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.eddy.table.TableDraft;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Where a Kafka table starts reading: the mode, and the time or consumer group the mode needs. */
class StartPosition {
    static final String TIMESTAMP = "scan.startup.timestamp-millis";
    static final String GROUP = "properties.group.id";
    private final Select<String> mode = new Select<>();
    private final TextField time = new TextField("Start at");
    private final TextField group = new TextField("Consumer group");
    private boolean kafka = true;

    StartPosition(Runnable onChange) {
        mode.setLabel("Start reading from");
        mode.setItems(TableDraft.STARTUP_MODES);
        mode.setItemLabelGenerator(StartPosition::label);
        mode.setValue("earliest-offset");
        mode.addValueChangeListener(e -> {
            show();
            onChange.run();
        });
        time.setPlaceholder("2026-11-25T08:00:00Z or epoch ms");
        time.setValueChangeMode(ValueChangeMode.LAZY);
        time.addValueChangeListener(e -> onChange.run());
        group.setPlaceholder("orders-dashboard");
        group.setValueChangeMode(ValueChangeMode.LAZY);
        group.addValueChangeListener(e -> onChange.run());
        show();
    }

    Component[] components() {
        return new Component[] {mode, time, group};
    }

    /** Only the kafka connector has a start position (upsert-kafka reads everything). */
    void setKafka(boolean kafka) {
        this.kafka = kafka;
        show();
    }

    String mode() {
        return mode.getValue();
    }

    void fill(String startupMode, Map<String, String> options) {
        if (startupMode != null) {
            mode.setValue(startupMode);
        }
        time.setValue(options.getOrDefault(TIMESTAMP, ""));
        group.setValue(options.getOrDefault(GROUP, ""));
    }

    /** The options the mode needs, written into {@code options} (replacing earlier ones). */
    void writeOptions(Map<String, String> options) {
        options.remove(TIMESTAMP);
        options.remove(GROUP);
        if (kafka && "timestamp".equals(mode.getValue())) {
            options.put(TIMESTAMP, epochMillis(time.getValue()));
        }
        if (kafka && "group-offsets".equals(mode.getValue())) {
            options.put(GROUP, group.getValue().strip());
        }
    }

    private void show() {
        mode.setVisible(kafka);
        time.setVisible(kafka && "timestamp".equals(mode.getValue()));
        group.setVisible(kafka && "group-offsets".equals(mode.getValue()));
    }

    /** An ISO-8601 instant or epoch milliseconds, as epoch milliseconds; the text as given when neither. */
    static String epochMillis(String text) {
        String t = text == null ? "" : text.strip();
        try {
            return String.valueOf(Instant.parse(t).toEpochMilli());
        } catch (DateTimeParseException e) {
            return t;
        }
    }

    private static String label(String mode) {
        return switch (mode) {
            case "earliest-offset" -> "the earliest message";
            case "latest-offset" -> "new messages only";
            case "group-offsets" -> "the consumer group's offsets";
            case "timestamp" -> "a point in time";
            default -> mode;
        };
    }
}
