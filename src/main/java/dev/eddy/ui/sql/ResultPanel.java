package dev.eddy.ui.sql;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.server.streams.DownloadHandler;
import dev.eddy.gateway.ResultColumn;
import dev.eddy.query.Change;
import dev.eddy.query.ResultExport;
import dev.eddy.query.ResultStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One statement's result. A query's: a Table view (the changelog applied) and a Changelog view
 * (every change with its op and arrival time), switchable at any time. A finished table (SHOW,
 * DESCRIBE): the table alone. One long text (SHOW CREATE TABLE, EXPLAIN): the text, to read and
 * copy. Figures above, exports for ended results.
 */
class ResultPanel extends VerticalLayout {
    private static final Set<String> NUMERIC = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "FLOAT", "DOUBLE");
    private final Tab tableTab = new Tab("Table");
    private final Tab changelogTab = new Tab("Changelog");
    private final Tabs views = new Tabs(tableTab, changelogTab);
    private final Span figures = new Span();
    private final Span dropped = new Span();
    private final Grid<List<Object>> table = new Grid<>();
    private final Grid<Change> changelog = new Grid<>();
    private final List<List<Object>> tableRows = new ArrayList<>();
    private final List<Change> changes = new ArrayList<>();
    private final ListDataProvider<List<Object>> tableData = new ListDataProvider<>(tableRows);
    private final ListDataProvider<Change> changeData = new ListDataProvider<>(changes);
    private final Div text = new Div();
    private final Anchor csv;
    private final Anchor json;
    private ZoneId zone = ZoneId.systemDefault();
    private List<ResultColumn> currentColumns = List.of();
    private ResultStream stream;
    private String state = "";

    ResultPanel() {
        table.setItems(tableData);
        changelog.setItems(changeData);
        for (Grid<?> g : List.of(table, changelog)) {
            g.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COLUMN_BORDERS);
            g.addClassName("eddy-results");
            g.setColumnReorderingAllowed(true);
            g.setSizeFull();
        }
        table.addClassName("eddy-table-view");
        // A click on a row shows its values in full: nested ROW/ARRAY/MAP values pretty-printed, long text unclipped.
        table.setItemDetailsRenderer(new ComponentRenderer<>(row -> RowDetails.of(currentColumns, row)));
        changelog.setItemDetailsRenderer(new ComponentRenderer<>(c -> RowDetails.of(currentColumns, c.row())));
        changelog.addClassName("eddy-changelog-view");
        shown(changelog, false);
        views.addThemeVariants(com.vaadin.flow.component.tabs.TabsVariant.LUMO_SMALL);
        views.addSelectedChangeListener(e -> showSelectedView());
        figures.addClassName("eddy-status");
        figures.addClassName("eddy-figures");
        dropped.addClassNames("eddy-status", "eddy-dropped");
        csv = export("CSV", "text/csv", "result.csv", ResultExport::csv);
        json = export("JSON", "application/json", "result.json", ResultExport::json);
        text.addClassName("eddy-result-text");
        text.setVisible(false);
        HorizontalLayout bar = new HorizontalLayout(views, figures, csv, json);
        bar.setWidthFull();
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        bar.setFlexGrow(1, figures);
        add(bar, dropped, table, changelog, text);
        setPadding(false);
        setSpacing(false);
        setFlexGrow(1, table, changelog, text);
        setSizeFull();
    }

    void setZone(ZoneId zone) {
        this.zone = zone;
    }

    void start(List<ResultColumn> columns, ResultStream stream) {
        this.stream = stream;
        this.currentColumns = columns;
        state = "Running";
        table.removeAllColumns();
        changelog.removeAllColumns();
        tableRows.clear();
        changes.clear();
        // A finished table (SHOW, DESCRIBE) has no changelog worth a view of its own.
        views.setVisible(stream.changelog());
        views.setSelectedTab(tableTab);
        shown(table, true);
        shown(changelog, false);
        text.setVisible(false);
        text.removeAll();
        // A lit template, not a component per row: the view re-renders thousands of rows a few times a
        // second, and per-row components churned the DOM (a page error when switching views mid-query).
        changelog.addColumn(com.vaadin.flow.data.renderer.LitRenderer.<Change>of(
                        "<span class=\"eddy-op ${item.kind}\">${item.op}</span>")
                        .withProperty("kind", c -> c.kind().name().toLowerCase())
                        .withProperty("op", c -> c.kind().shortString()))
                .setHeader("op").setWidth("4.5em").setFlexGrow(0).setFrozen(true)
                .setTooltipGenerator(c -> c.kind().name());
        DateTimeFormatter arrival = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(zone);
        // A fixed width: auto width is measured while the grid is still empty, and clipped the times.
        changelog.addColumn(c -> arrival.format(c.arrived())).setHeader("arrived").setWidth("9em").setFlexGrow(0);
        addValueColumns(table, columns, Function.identity());
        addValueColumns(changelog, columns, Change::row);
        setExportsEnabled(false);
        refresh();
    }

    /** Pulls the latest state from the stream into the visible view. */
    void refresh() {
        if (stream == null) {
            return;
        }
        if (views.getSelectedTab() == tableTab) {
            tableRows.clear();
            tableRows.addAll(stream.tableRows());
            tableData.refreshAll();
        } else {
            changes.clear();
            changes.addAll(stream.changes());
            changeData.refreshAll();
            changelog.scrollToEnd();
        }
        var stats = stream.stats();
        figures.setText(stream.changelog() ? StatusLine.describe(state, stats) : StatusLine.table(state, stats));
        String note = StatusLine.dropped(stats);
        dropped.setText(note);
        dropped.setVisible(!note.isEmpty());
    }

    /** The query ended: final figures, and exports of what the table holds. */
    void end(String endState) {
        state = endState;
        refresh();
        setExportsEnabled(stream != null && !stream.columns().isEmpty());
        longText().ifPresent(this::showText);
    }

    /** The one value of a one-cell result that spans lines (SHOW CREATE TABLE's DDL, a plan). */
    private java.util.Optional<String> longText() {
        if (stream == null || stream.changelog() || stream.columns().size() != 1) {
            return java.util.Optional.empty();
        }
        List<List<Object>> rows = stream.tableRows();
        if (rows.size() != 1 || rows.get(0).isEmpty() || !(rows.get(0).get(0) instanceof String value)
                || !value.strip().contains("\n")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(value.strip());
    }

    private void showText(String value) {
        Pre pre = new Pre(value);
        pre.addClassName("eddy-result-text-value");
        Button copy = new Button("Copy", VaadinIcon.COPY_O.create());
        copy.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        copy.addClassName("eddy-copy-text");
        copy.setTooltipText("Copy the text to the clipboard");
        copy.addClickListener(e -> copy.getElement().executeJs(
                "const text = $0; const b = this;"
                        + "(navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject())"
                        + ".then(() => b.textContent = 'Copied', () => {"
                        + "  const r = document.createRange(); r.selectNodeContents(b.parentElement.querySelector('pre'));"
                        + "  const s = getSelection(); s.removeAllRanges(); s.addRange(r); b.textContent = 'Selected: press Ctrl+C'; });",
                value));
        text.removeAll();
        text.add(copy, pre);
        text.setVisible(true);
        shown(table, false);
        shown(changelog, false);
    }

    private void showSelectedView() {
        boolean tableView = views.getSelectedTab() == tableTab;
        shown(table, tableView);
        shown(changelog, !tableView);
        refresh();
    }

    /**
     * Shows or hides a result grid with CSS, not {@code setVisible}: a grid made invisible is taken
     * off the page, and made visible again while rows stream in, its component headers were put
     * back before they existed ("insertBefore on Node" in the page).
     */
    private static void shown(Grid<?> grid, boolean shown) {
        if (shown) {
            grid.getStyle().remove("display");
        } else {
            grid.getStyle().set("display", "none");
        }
    }

    private <T> void addValueColumns(Grid<T> grid, List<ResultColumn> columns, Function<T, List<Object>> fields) {
        for (int i = 0; i < columns.size(); i++) {
            int index = i;
            ResultColumn c = columns.get(i);
            CellFormat format = CellFormat.forType(c.type(), zone);
            Grid.Column<T> col = grid.addColumn(item -> format.format(value(fields.apply(item), index)))
                    .setHeader(header(c))
                    .setResizable(true)
                    .setAutoWidth(true)
                    .setTooltipGenerator(item -> format.format(value(fields.apply(item), index)));
            if (NUMERIC.contains(c.type()) || c.type().startsWith("DECIMAL")) {
                col.setTextAlign(ColumnTextAlign.END);
            }
        }
    }

    private static Object value(List<Object> row, int index) {
        return index < row.size() ? row.get(index) : null;
    }

    private static Span header(ResultColumn c) {
        Span name = new Span(c.name());
        Span type = new Span(" " + c.type() + (c.nullable() ? "" : " NOT NULL"));
        type.addClassName("eddy-column-type");
        return new Span(name, type);
    }

    private interface Exporter {
        void write(List<ResultColumn> columns, List<List<Object>> rows, Writer out) throws java.io.IOException;
    }

    private Anchor export(String label, String contentType, String fileName, Exporter exporter) {
        DownloadHandler handler = event -> {
            ResultStream s = stream;
            event.setFileName(fileName);
            event.setContentType(contentType + "; charset=utf-8");
            Writer out = new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8);
            exporter.write(s == null ? List.of() : s.columns(), s == null ? List.of() : s.tableRows(), out);
            out.flush();
        };
        Button button = new Button(label, VaadinIcon.DOWNLOAD_ALT.create());
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        button.setTooltipText("Download the table view as " + label);
        Anchor anchor = new Anchor(handler, AttachmentType.DOWNLOAD, "");
        anchor.add(button);
        return anchor;
    }

    private void setExportsEnabled(boolean enabled) {
        for (Anchor a : List.of(csv, json)) {
            a.setEnabled(enabled);
            a.getChildren().forEach(b -> ((Button) b).setEnabled(enabled));
        }
    }
}
