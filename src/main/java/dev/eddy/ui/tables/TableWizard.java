package dev.eddy.ui.tables;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.QueryParameters;
import dev.eddy.ui.Async;
import dev.eddy.integration.Integration;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.TopicPlace;
import dev.eddy.integration.TopicService;
import dev.eddy.integration.Metadata;
import dev.eddy.integration.PostgresTable;
import dev.eddy.integration.TopicInfo;
import dev.eddy.integration.TopicMessage;
import dev.eddy.table.ColumnSpec;
import dev.eddy.table.TableDraft;
import dev.eddy.table.TableDraft.Connector;
import dev.eddy.table.TableException;
import dev.eddy.table.TableInfo;
import dev.eddy.table.TableService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Creates (or edits) a table by pointing at a topic or PostgreSQL table: columns proposed from the
 * data, event time, key, and the DDL shown live beside the form. Connection details come from the
 * integration; the user never types an address or a password here.
 */
class TableWizard extends Dialog {
    private final TableService tables;
    private final IntegrationService integrations;
    private final TopicService topics;
    private final String editing;
    private final Consumer<TableInfo> onDone;

    private final Select<String> integration = new Select<>();
    private final ComboBox<String> source = new ComboBox<>();
    private final Select<String> kind = new Select<>();
    private final Select<String> format = new Select<>();
    private final Select<String> keyFormat = new Select<>();
    private final StartPosition start = new StartPosition(this::refresh);
    private final ColumnsEditor columns = new ColumnsEditor(this::refresh);
    private final Select<String> eventTime = new Select<>();
    private final IntegerField delay = new IntegerField("Watermark delay (s)");
    private final MultiSelectComboBox<String> key = new MultiSelectComboBox<>("Primary key");
    private final TextField name = new TextField("Table name");
    private final TableNames names;
    private final TextField comment = new TextField("Description");
    private final Pre ddl = new Pre();
    private final Pre sample = new Pre();
    /** Offered when the topic named does not exist yet. */
    private final Button createTopic = new Button("Create this topic…");
    private final Span status = new Span();
    private final Span problems = new Span();
    private final Button create = new Button();
    private Map<String, String> extraOptions = new LinkedHashMap<>();
    private boolean filling;

    TableWizard(TableService tables, IntegrationService integrations, TopicService topics, String editing,
            Consumer<TableInfo> onDone) {
        this.topics = topics;
        this.names = new TableNames(tables);
        this.tables = tables;
        this.integrations = integrations;
        this.editing = editing;
        this.onDone = onDone;
        setHeaderTitle(editing == null ? "New table" : "Edit table " + editing);
        addClassName("eddy-table-wizard");
        setWidth("min(92em, 96vw)");
        setHeight("min(52em, 94vh)");
        setResizable(true);

        integration.setLabel("Integration");
        integration.setItems(integrations.dataSources().stream().map(Integration::name).toList());
        integration.addValueChangeListener(e -> integrationChanged());
        source.setLabel("Topic or table");
        source.setPlaceholder("Type to search");
        source.setAllowCustomValue(true);
        source.addCustomValueSetListener(e -> source.setValue(e.getDetail()));
        source.addValueChangeListener(e -> sourceChanged());
        source.addClassName("eddy-wizard-source");
        kind.setLabel("Kind");
        kind.setItems("kafka", "upsert-kafka");
        kind.setValue("kafka");
        kind.addValueChangeListener(e -> kindChanged());
        format.setLabel("Value format");
        format.setItems(TableDraft.VALUE_FORMATS);
        format.setValue("json");
        format.addValueChangeListener(e -> sourceChanged());
        keyFormat.setLabel("Key format");
        keyFormat.setItems(TableDraft.KEY_FORMATS);
        keyFormat.setValue("json");
        keyFormat.addValueChangeListener(e -> refresh());

        FormLayout where = new FormLayout(integration, source, kind, format, keyFormat);
        where.add(start.components());
        where.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("24em", 2));


        eventTime.setLabel("Event time");
        eventTime.setEmptySelectionAllowed(true);
        eventTime.setEmptySelectionCaption("none (processing time)");
        eventTime.addValueChangeListener(e -> refresh());
        delay.setValue(5);
        delay.setMin(0);
        delay.setStepButtonsVisible(true);
        delay.addValueChangeListener(e -> refresh());
        key.addValueChangeListener(e -> refresh());
        key.setHelperText("Needed by upsert-kafka and for upserts into PostgreSQL");
        FormLayout time = new FormLayout(eventTime, delay, key);
        time.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("24em", 3));

        name.setRequired(true);
        // The wizard says what is wrong with the name (taken, missing); the field's own check would undo it.
        name.setManualValidation(true);
        name.setValueChangeMode(ValueChangeMode.LAZY);
        name.addValueChangeListener(e -> refresh());
        name.setReadOnly(editing != null);
        name.addClassName("eddy-wizard-name");
        comment.setValueChangeMode(ValueChangeMode.LAZY);
        comment.addValueChangeListener(e -> refresh());
        FormLayout naming = new FormLayout(name, comment);
        naming.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("24em", 2));

        status.addClassName("eddy-status");
        VerticalLayout form = new VerticalLayout(where, status, new H4("Columns"), columns, time,
                naming);
        form.setPadding(false);

        ddl.addClassName("eddy-wizard-ddl");
        sample.addClassName("eddy-wizard-sample");
        problems.addClassName("eddy-wizard-problems");
        createTopic.addClassName("eddy-wizard-create-topic");
        createTopic.addThemeVariants(com.vaadin.flow.component.button.ButtonVariant.LUMO_SMALL);
        createTopic.setVisible(false);
        createTopic.addClickListener(e -> {
            String topic = source.getValue() == null ? "" : source.getValue().strip();
            new dev.eddy.ui.CreateTopicDialog(topics, TopicPlace.of(integration.getValue()), topic, "Create topic",
                    this::sourceChanged).open();
        });
        VerticalLayout preview = new VerticalLayout(new H4("DDL"), ddl, problems, new H4("Sample"), createTopic,
                sample);
        preview.setPadding(false);
        SplitLayout split = new SplitLayout(form, preview);
        split.setSplitterPosition(55);
        split.setSizeFull();
        add(split);

        create.setText(editing == null ? "Create table" : "Save as new version");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> submit());
        create.addClassName("eddy-wizard-create");
        Button asSql = new Button("Edit as SQL", VaadinIcon.CODE.create(), e -> {
            String text = ddl.getText();
            close();
            UI.getCurrent().navigate("", QueryParameters.simple(Map.of("sql", text + ";", "run", "false")));
        });
        asSql.setTooltipText("Open this DDL in the SQL editor and finish it by hand");
        getFooter().add(new Button("Cancel", e -> close()), asSql, create);

        if (editing != null) {
            fill(tables.draftOf(editing));
        } else if (!integrations.dataSources().isEmpty()) {
            integration.setValue(integrations.dataSources().get(0).name());
        }
        refresh();
    }

    /** Opens the wizard on a topic or PostgreSQL table (from the schema tree). */
    void start(String integrationName, String sourceName) {
        integration.setValue(integrationName);
        source.setValue(sourceName);
    }

    private void integrationChanged() {
        if (filling) {
            return;
        }
        Integration i = selected();
        if (i == null) {
            return;
        }
        boolean kafka = i.kind() == IntegrationKind.KAFKA;
        kind.setItems(kafka ? List.of("kafka", "upsert-kafka") : List.of("jdbc"));
        kind.setValue(kafka ? "kafka" : "jdbc");
        Metadata m = integrations.cachedMetadata().getOrDefault(i, null);
        List<String> names = m == null ? List.of() : kafka ? m.topics().stream().map(TopicInfo::name).toList()
                : m.tables().stream().map(PostgresTable::qualifiedName).toList();
        source.setItems(names);
        kindChanged();
    }

    private void kindChanged() {
        String k = kind.getValue();
        boolean kafka = !"jdbc".equals(k);
        format.setVisible(kafka);
        start.setKafka("kafka".equals(k));
        keyFormat.setVisible("upsert-kafka".equals(k));
        delay.setEnabled(true);
        refresh();
    }

    /** Reads a sample of the topic, or the PostgreSQL table's columns, and proposes the columns. */
    private void sourceChanged() {
        createTopic.setVisible(false);
        if (filling) {
            return;
        }
        Integration i = selected();
        String s = source.getValue();
        if (i == null || s == null || s.isBlank()) {
            refresh();
            return;
        }
        if (name.getValue().isBlank() || editing == null) {
            name.setValue(names.proposeFor(s));
        }
        status.setText(i.kind() == IntegrationKind.KAFKA ? "Reading the latest messages of " + s + "…"
                : "Reading the columns of " + s + "…");
        String fmt = format.getValue();
        UI ui = UI.getCurrent();
        Async.supply(() -> i.kind() == IntegrationKind.KAFKA
                ? (Object) tables.sampleTopic(i.name(), s, fmt, 20) : tables.fromPostgres(i.name(), s))
                .whenComplete((result, error) -> ui.access(() -> {
                    if (error != null) {
                        Throwable cause = error.getCause() != null ? error.getCause() : error;
                        status.setText(cause.getMessage());
                        return;
                    }
                    if (result instanceof TableService.TopicSample topic) {
                        showSample(topic);
                    } else if (result instanceof TableService.TableShape shape) {
                        setColumns(shape.columns());
                        key.setValue(shape.primaryKey());
                        List<String> lines = new ArrayList<>();
                        lines.add("Columns from the PostgreSQL catalog; the key is the table's primary key.");
                        lines.addAll(shape.notes());
                        sample.setText(String.join("\n", lines));
                        status.setText("");
                    }
                    refresh();
                }));
    }

    private void showSample(TableService.TopicSample topic) {
        createTopic.setVisible(topic.missing());
        var inference = topic.inference();
        setColumns(inference.columns());
        extraOptions = new LinkedHashMap<>();
        if ("json".equals(format.getValue()) && inference.columns().stream().anyMatch(c -> c.type().contains("TIMESTAMP"))) {
            extraOptions.put("json.timestamp-format.standard", inference.timestampStandard());
        }
        // No 'json.ignore-parse-errors': Flink runs the next operators inside its JSON reader, so that
        // option also drops every row a query fails on, silently (see docs/architecture.md, Results).
        if (inference.schemaInclude()) {
            extraOptions.put("debezium-json.schema-include", "true");
        }
        inference.columns().stream().filter(c -> c.type().startsWith("TIMESTAMP")).findFirst()
                .ifPresent(c -> eventTime.setValue(c.name()));
        List<String> lines = new ArrayList<>();
        // A topic that does not exist has no messages either: its own note says so, not "no message yet".
        if (!topic.missing()) {
            lines.add(topic.messages().isEmpty() ? "The topic holds no message yet: add the columns by hand."
                    : inference.sampled() + " of the latest " + topic.messages().size() + " messages read.");
        }
        lines.addAll(inference.notes());
        for (TopicMessage m : topic.messages().stream().limit(5).toList()) {
            lines.add("");
            lines.add("partition " + m.partition() + ", offset " + m.offset() + (m.key() == null ? "" : ", key " + m.key()));
            lines.add(m.value() == null ? "NULL" : m.value());
        }
        sample.setText(String.join("\n", lines));
        status.setText("");
    }

    private void setColumns(List<ColumnSpec> specs) {
        columns.setColumns(specs);
    }

    private void fill(TableDraft d) {
        filling = true;
        try {
            integration.setValue(d.integration());
            Integration i = selected();
            boolean kafka = i == null || i.kind() == IntegrationKind.KAFKA;
            kind.setItems(kafka ? List.of("kafka", "upsert-kafka") : List.of("jdbc"));
            kind.setValue(d.connector().id());
            source.setItems(List.of(d.source()));
            source.setValue(d.source());
            if (d.valueFormat() != null) {
                format.setValue(d.valueFormat());
            }
            if (d.keyFormat() != null) {
                keyFormat.setValue(d.keyFormat());
            }
            start.fill(d.startupMode(), d.options());
            setColumns(d.columns());
            name.setValue(d.name());
            comment.setValue(d.comment() == null ? "" : d.comment());
            extraOptions = new LinkedHashMap<>(d.options());
            sample.setText("Editing saves a new version; jobs keep the version they were deployed with.");
        } finally {
            filling = false;
        }
        kindChanged();
        refreshChoices();
        if (d.watermarkColumn() != null) {
            eventTime.setValue(d.watermarkColumn());
            delay.setValue(d.watermarkDelaySeconds());
        }
        key.setValue(d.primaryKey());
    }

    private TableDraft draft() {
        Connector connector = switch (kind.getValue() == null ? "kafka" : kind.getValue()) {
            case "upsert-kafka" -> Connector.UPSERT_KAFKA;
            case "jdbc" -> Connector.JDBC;
            default -> Connector.KAFKA;
        };
        Map<String, String> options = new LinkedHashMap<>(extraOptions);
        if (connector != Connector.KAFKA || !"json".equals(format.getValue())) {
            options.keySet().removeIf(k -> k.startsWith("json."));
        }
        start.writeOptions(options);
        return new TableDraft(name.getValue().strip(), integration.getValue(), connector,
                source.getValue() == null ? "" : source.getValue().strip(), format.getValue(), keyFormat.getValue(),
                start.mode(), columns.specs(), eventTime.getValue(),
                delay.getValue() == null ? 0 : delay.getValue(), List.copyOf(key.getSelectedItems()), options,
                comment.getValue());
    }

    /** Keeps the event-time and key choices to the columns there are, and the DDL current. */
    private void refresh() {
        if (filling) {
            return;
        }
        refreshChoices();
        TableDraft d = draft();
        ddl.setText(tables.ddl(d));
        List<String> found = d.problems();
        problems.setText(found.isEmpty() ? "" : String.join(" · ", found));
        boolean taken = editing == null && names.isTaken(d.name());
        // Said beside the name as it is typed, not after Create.
        name.setInvalid(taken);
        name.setErrorMessage(taken ? "A table named " + d.name() + " exists already: pick another name, or edit that "
                + "table from the Tables page" : null);
        create.setEnabled(found.isEmpty() && !taken);
    }

    private void refreshChoices() {
        List<String> names = columns.specs().stream().map(ColumnSpec::name).filter(n -> !n.isBlank()).toList();
        List<String> times = columns.specs().stream()
                .filter(c -> c.type() != null && c.type().replace(" ", "").toUpperCase(Locale.ROOT).matches(
                        "TIMESTAMP(_LTZ)?\\(3\\)|TIMESTAMP\\(3\\)WITHLOCALTIMEZONE"))
                .map(ColumnSpec::name).toList();
        String currentTime = eventTime.getValue();
        var currentKey = key.getSelectedItems();
        boolean was = filling;
        filling = true;
        eventTime.setItems(times);
        eventTime.setValue(times.contains(currentTime) ? currentTime : null);
        key.setItems(names);
        key.setValue(currentKey.stream().filter(names::contains).toList());
        filling = was;
    }

    private void submit() {
        TableDraft d = draft();
        try {
            TableInfo done = editing == null ? tables.create(d) : tables.update(editing, d);
            close();
            onDone.accept(done);
        } catch (TableException e) {
            problems.setText(e.getMessage());
        }
    }

    private Integration selected() {
        return integrations.dataSources().stream().filter(i -> i.name().equals(integration.getValue())).findFirst()
                .orElse(null);
    }

}
