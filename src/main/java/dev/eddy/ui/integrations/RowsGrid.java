package dev.eddy.ui.integrations;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import dev.eddy.integration.TableRows;
import java.util.List;

/** The first rows of a PostgreSQL table, its columns as the table has them. */
public class RowsGrid extends Grid<List<String>> {

    public RowsGrid() {
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COLUMN_BORDERS);
        addClassName("eddy-table-rows");
    }

    public void show(TableRows rows) {
        removeAllColumns();
        for (int i = 0; i < rows.columns().size(); i++) {
            int index = i;
            addColumn(row -> row.get(index) == null ? "NULL" : row.get(index)).setHeader(rows.columns().get(i))
                    .setAutoWidth(true).setResizable(true).setTooltipGenerator(row -> row.get(index));
        }
        setItems(rows.rows());
    }
}
