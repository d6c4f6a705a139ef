package dev.eddy.ui.sql;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import dev.eddy.gateway.ResultColumn;
import dev.eddy.gateway.ResultRow;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A grid whose columns come from a result's schema and whose rows arrive while it streams. */
class ResultGrid extends Grid<ResultRow> {
    private static final Set<String> NUMERIC = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "FLOAT", "DOUBLE");
    private final List<ResultRow> rows = new ArrayList<>();
    private final ListDataProvider<ResultRow> provider = new ListDataProvider<>(rows);
    private ZoneId zone = ZoneId.systemDefault();

    ResultGrid() {
        setItems(provider);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COLUMN_BORDERS);
        addClassName("eddy-results");
        setColumnReorderingAllowed(true);
    }

    void reset(List<ResultColumn> columns) {
        removeAllColumns();
        rows.clear();
        addColumn(new ComponentRenderer<>(row -> {
            Span op = new Span(row.kind().shortString());
            op.addClassNames("eddy-op", row.kind().name().toLowerCase());
            return op;
        })).setHeader("op").setWidth("4.5em").setFlexGrow(0).setFrozen(true)
                .setTooltipGenerator(row -> row.kind().name());
        for (int i = 0; i < columns.size(); i++) {
            int index = i;
            ResultColumn c = columns.get(i);
            CellFormat format = CellFormat.forType(c.type(), zone);
            Grid.Column<ResultRow> col = addColumn(row -> format.format(row.fields().get(index)))
                    .setHeader(header(c))
                    .setResizable(true)
                    .setAutoWidth(true)
                    .setTooltipGenerator(row -> format.format(row.fields().get(index)));
            if (NUMERIC.contains(c.type()) || c.type().startsWith("DECIMAL")) {
                col.setTextAlign(ColumnTextAlign.END);
            }
        }
        provider.refreshAll();
    }

    void clear() {
        removeAllColumns();
        rows.clear();
        provider.refreshAll();
    }

    void append(List<ResultRow> batch) {
        rows.addAll(batch);
        provider.refreshAll();
        scrollToEnd();
    }

    int size() {
        return rows.size();
    }

    private static Span header(ResultColumn c) {
        Span name = new Span(c.name());
        Span type = new Span(" " + c.type() + (c.nullable() ? "" : " NOT NULL"));
        type.getStyle().set("color", "var(--lumo-tertiary-text-color)").set("font-weight", "normal")
                .set("font-size", "var(--lumo-font-size-xxs)");
        return new Span(name, type);
    }

    /** Instants show in the user's time zone, once the browser has told it. */
    void setZone(ZoneId zone) {
        this.zone = zone;
    }
}
