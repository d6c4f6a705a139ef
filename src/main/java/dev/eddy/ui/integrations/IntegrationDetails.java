package dev.eddy.ui.integrations;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import dev.eddy.ui.Async;
import dev.eddy.integration.ConsumerGroupInfo;
import dev.eddy.integration.Integration;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.Metadata;
import dev.eddy.integration.PostgresTable;
import dev.eddy.integration.TopicInfo;
import dev.eddy.ui.RelativeTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** What one integration holds: its topics (with a message preview) or its tables and columns; for OpenSearch, how log shipping goes. */
class IntegrationDetails extends VerticalLayout {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final IntegrationService integrations;
    private final H3 title = new H3();
    private final Span age = new Span();
    private final CheckResult status = new CheckResult();
    private final Grid<TopicInfo> topics = new Grid<>();
    private final Grid<PostgresTable> tables = new Grid<>();
    private final Grid<ConsumerGroupInfo> groups = new Grid<>();
    private final H3 groupsTitle = new H3("Consumer groups");
    private final MessagesGrid messages = new MessagesGrid();
    private final RowsGrid rows = new RowsGrid();
    private final H3 messagesTitle = new H3();
    private ZoneId zone = ZoneId.systemDefault();
    private Integration current;
    private final MetricsExportPanel metricsExport;

    private final LogShippingPanel logShipping;

    IntegrationDetails(IntegrationService integrations, MetricsExportPanel metricsExport, LogShippingPanel logShipping) {
        this.logShipping = logShipping;
        this.integrations = integrations;
        this.metricsExport = metricsExport;
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> load(true));
        refresh.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        age.addClassName("eddy-status");
        HorizontalLayout header = new HorizontalLayout(title, age, refresh);
        header.setDefaultVerticalComponentAlignment(Alignment.BASELINE);

        topics.addColumn(TopicInfo::name).setHeader("Topic").setFlexGrow(3).setSortable(true);
        topics.addColumn(TopicInfo::partitions).setHeader("Partitions").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        topics.addColumn(t -> String.format(Locale.ROOT, "%,d", t.messages())).setHeader("Messages (approx.)")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        topics.addColumn(t -> t.retention().map(IntegrationDetails::duration).orElse("forever")).setHeader("Retention")
                .setAutoWidth(true);
        topics.addColumn(new ComponentRenderer<>(t -> {
            Button preview = new Button("Preview", e -> preview(t.name()));
            preview.addThemeVariants(ButtonVariant.LUMO_SMALL);
            preview.getElement().setAttribute("data-topic", t.name());
            return preview;
        })).setAutoWidth(true).setFlexGrow(0);
        topics.addClassName("eddy-topics");

        groups.addColumn(ConsumerGroupInfo::id).setHeader("Consumer group").setFlexGrow(3).setSortable(true);
        groups.addColumn(ConsumerGroupInfo::state).setHeader("State").setAutoWidth(true);
        groups.addColumn(ConsumerGroupInfo::members).setHeader("Members").setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        groups.addColumn(g -> String.join(", ", g.topics())).setHeader("Topics").setFlexGrow(2);
        groups.addColumn(g -> String.format(Locale.ROOT, "%,d", g.lag())).setHeader("Lag (messages)")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setSortable(true)
                .setComparator(ConsumerGroupInfo::lag);
        groups.addClassName("eddy-groups");

        tables.addColumn(PostgresTable::qualifiedName).setHeader("Table").setFlexGrow(2);
        tables.addColumn(t -> t.view() ? "view" : "table").setHeader("Kind").setAutoWidth(true);
        tables.addColumn(new ComponentRenderer<>(t -> {
            Button preview = new Button("Preview", e -> previewRows(t.qualifiedName()));
            preview.addThemeVariants(ButtonVariant.LUMO_SMALL);
            return preview;
        })).setAutoWidth(true).setFlexGrow(0);
        tables.addColumn(t -> t.columns().stream().map(c -> c.name() + (c.primaryKey() ? " (key)" : ""))
                .collect(Collectors.joining(", "))).setHeader("Columns").setFlexGrow(4);
        tables.setItemDetailsRenderer(new ComponentRenderer<>(t -> new Pre(t.columns().stream()
                .map(c -> String.format("%-24s %-28s %s%s", c.name(), c.type(), c.nullable() ? "NULL" : "NOT NULL",
                        c.primaryKey() ? "  PRIMARY KEY" : ""))
                .collect(Collectors.joining("\n")))));
        tables.addClassName("eddy-pg-tables");

        for (Grid<?> g : java.util.List.of(topics, groups, tables, messages, rows)) {
            g.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
            g.setAllRowsVisible(true);
            g.setVisible(false);
        }
        messagesTitle.setVisible(false);
        groupsTitle.setVisible(false);
        logShipping.setVisible(false);
        add(header, status, metricsExport, logShipping, topics, groupsTitle, groups, tables, messagesTitle, messages, rows);
        setPadding(false);
        setVisible(false);
    }

    void setZone(ZoneId zone) {
        this.zone = zone;
        messages.setZone(zone);
    }

    void show(Integration integration) {
        current = integration;
        setVisible(true);
        title.setText(switch (integration.kind()) {
            case KAFKA -> "Topics of ";
            case POSTGRES -> "Tables of ";
            case OPENSEARCH -> "Logs shipped to ";
        } + integration.name());
        messages.setVisible(false);
        rows.setVisible(false);
        messagesTitle.setVisible(false);
        metricsExport.setVisible(integration.kind() == IntegrationKind.POSTGRES);
        if (integration.kind() == IntegrationKind.POSTGRES) {
            metricsExport.show(integration.name());
        }
        logShipping.setVisible(integration.kind() == IntegrationKind.OPENSEARCH);
        if (integration.kind() == IntegrationKind.OPENSEARCH) {
            logShipping.show(integration.name());
        }
        load(false);
    }

    private void load(boolean fresh) {
        Integration i = current;
        if (i == null) {
            return;
        }
        status.working("Reading " + i.name() + "…");
        async(() -> fresh ? integrations.refresh(i.name()) : integrations.metadata(i.name()), m -> {
            if (m.lastError().isPresent()) {
                status.failed("Unreachable since " + TIME.withZone(zone).format(m.failingSince().orElse(Instant.now()))
                        + ": " + m.lastError().get());
            } else {
                status.setVisible(false);
            }
            age.setText(m.fetchedAt().equals(Instant.EPOCH) ? "never read" : "read " + RelativeTime.ago(m.fetchedAt()));
            topics.setVisible(i.kind() == IntegrationKind.KAFKA);
            tables.setVisible(i.kind() == IntegrationKind.POSTGRES);
            topics.setItems(m.topics());
            tables.setItems(m.tables());
            boolean anyGroup = i.kind() == IntegrationKind.KAFKA && !m.groups().isEmpty();
            groups.setVisible(anyGroup);
            groupsTitle.setVisible(anyGroup);
            groups.setItems(m.groups());
            if (i.kind() == IntegrationKind.OPENSEARCH) {
                logShipping.show(i.name());
            }
        });
    }

    private void preview(String topic) {
        Integration i = current;
        status.working("Reading the latest messages of " + topic + "…");
        async(() -> integrations.preview(i.name(), topic, 20), list -> {
            status.setVisible(false);
            messagesTitle.setText("Latest " + list.size() + " messages of " + topic);
            messagesTitle.setVisible(true);
            messages.setItems(list);
            messages.setVisible(true);
            rows.setVisible(false);
        });
    }

    private void previewRows(String table) {
        Integration i = current;
        status.working("Reading the first rows of " + table + "…");
        async(() -> integrations.previewRows(i.name(), table, 20), found -> {
            status.setVisible(false);
            messagesTitle.setText("First " + found.rows().size() + " rows of " + table);
            messagesTitle.setVisible(true);
            rows.show(found);
            rows.setVisible(true);
            messages.setVisible(false);
        });
    }

    private <T> void async(Supplier<T> work, java.util.function.Consumer<T> then) {
        UI ui = UI.getCurrent();
        Async.supply(work).whenComplete((value, error) -> ui.access(() -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                status.failed(cause.getMessage());
            } else {
                then.accept(value);
            }
        }));
    }

    static String duration(Duration d) {
        long hours = d.toHours();
        return hours >= 24 && hours % 24 == 0 ? (hours / 24) + " d" : hours >= 1 ? hours + " h" : d.toMinutes() + " min";
    }
}
