package dev.eddy.ui.sql;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.eddy.query.QueryService;
import dev.eddy.query.StatementHistory;
import dev.eddy.security.Access;
import dev.eddy.security.Role;
import dev.eddy.ui.RelativeTime;
import java.util.Locale;
import java.util.function.Consumer;

/** Statements run from the console, newest first, searchable; a click opens one in a new script tab. */
class HistoryDialog extends Dialog {
    private static final int SHOWN = 500;
    private final QueryService queries;
    private final Grid<StatementHistory.Entry> grid = new Grid<>();
    private final TextField search = new TextField();

    HistoryDialog(QueryService queries, Consumer<String> open) {
        this.queries = queries;
        setHeaderTitle("History");
        setWidth("min(70em, 95vw)");
        setHeight("min(40em, 90vh)");
        addClassName("eddy-history-dialog");
        search.setPlaceholder("Search statements");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setClearButtonVisible(true);
        search.setWidthFull();
        search.addValueChangeListener(e -> load());
        grid.addColumn(e -> firstLines(e.statement())).setHeader("Statement").setFlexGrow(1)
                .setClassNameGenerator(e -> "eddy-mono");
        grid.addColumn(new ComponentRenderer<>(e -> outcome(e.outcome()))).setHeader("Outcome").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(e -> String.format(Locale.ROOT, "%.1f s", e.durationMs() / 1000.0)).setHeader("Took")
                .setAutoWidth(true).setFlexGrow(0).setPartNameGenerator(e -> "number");
        grid.addColumn(e -> RelativeTime.ago(e.startedAt())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        // Admins see everyone's statements: who ran each one matters then.
        grid.addColumn(e -> e.username() == null ? "" : e.username()).setHeader("By").setAutoWidth(true).setFlexGrow(0)
                .setVisible(Access.allows(Role.ADMIN));
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setTooltipGenerator(e -> e.message() == null ? e.statement() : e.message());
        grid.addItemClickListener(e -> {
            open.accept(e.getItem().statement());
            close();
        });
        grid.addClassName("eddy-history-grid");
        grid.setSizeFull();
        VerticalLayout content = new VerticalLayout(search, grid);
        content.setPadding(false);
        content.setSizeFull();
        content.setFlexGrow(1, grid);
        add(content);
        getFooter().add(new Button("Close", e -> close()));
        load();
        search.focus();
    }

    private void load() {
        grid.setItems(queries.history(search.getValue(), SHOWN));
    }

    private static String firstLines(String statement) {
        String flat = statement.strip().replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 157) + "…" : flat;
    }

    private static Span outcome(dev.eddy.query.Outcome outcome) {
        Span badge = new Span(switch (outcome) {
            case SUCCEEDED -> "succeeded";
            case FAILED -> "failed";
            case STOPPED -> "stopped";
        });
        badge.getElement().getThemeList().add(switch (outcome) {
            case SUCCEEDED -> "badge success";
            case FAILED -> "badge error";
            case STOPPED -> "badge contrast";
        });
        return badge;
    }
}
