package dev.eddy.ui.schema;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.treegrid.TreeGrid;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.eddy.ui.Async;
import dev.eddy.catalog.SchemaNode;
import dev.eddy.catalog.SchemaService;
import dev.eddy.ui.Consoles;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The schema as a filterable tree: Flink's catalogs, databases, tables, columns and functions in the
 * user's session, and each integration's topics and tables. Full on the Schema page, compact beside
 * the SQL editor, where a double-click inserts a name.
 */
public class SchemaTree extends VerticalLayout {
    private final SchemaService schema;
    private final Consoles consoles;
    private final TreeGrid<SchemaNode> tree = new TreeGrid<>();
    private final TextField filter = new TextField();
    private final ProgressBar progress = new ProgressBar();
    private final Span status = new Span();
    private final SchemaActions actions;
    private final String hint;
    private List<SchemaNode> roots = List.of();

    /** {@code compact}: only the name column, details in a tooltip, for a side panel. */
    public SchemaTree(SchemaService schema, Consoles consoles, boolean compact, SqlTarget sql) {
        this.schema = schema;
        this.consoles = consoles;
        this.actions = new SchemaActions(schema, consoles, sql, status);
        this.hint = compact ? "Right-click for actions" : "Right-click a table or topic to preview it or see its DDL";
        filter.setPlaceholder("Filter by name");
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(e -> show());
        filter.setMinWidth("0");
        filter.addClassName("eddy-schema-filter");
        Button refresh = new Button(compact ? null : "Refresh", VaadinIcon.REFRESH.create(), e -> load());
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        refresh.setTooltipText("Read the catalogs and integrations again");
        refresh.setAriaLabel("Refresh the schema");
        progress.setIndeterminate(true);
        progress.setWidth(compact ? "3em" : "8em");
        status.addClassName("eddy-status");
        HorizontalLayout bar = new HorizontalLayout(filter, refresh, progress);
        bar.setWidthFull();
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        bar.setFlexGrow(1, filter);

        tree.addHierarchyColumn(SchemaNode::label).setHeader("Name").setFlexGrow(2)
                .setTooltipGenerator(n -> n.detail() == null || n.detail().isBlank() ? n.label()
                        : n.label() + " · " + n.detail());
        if (!compact) {
            tree.addColumn(n -> n.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')).setHeader("Kind")
                    .setAutoWidth(true).setFlexGrow(0);
            tree.addColumn(SchemaNode::detail).setHeader("Details").setFlexGrow(3)
                    .setTooltipGenerator(SchemaNode::detail);
        }
        tree.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        tree.addClassName("eddy-schema-tree");
        tree.setSizeFull();
        actions.attach(tree);
        add(bar, status, tree);
        setFlexGrow(1, tree);
        setPadding(false);
        setSpacing(false);
        setSizeFull();
        load();
    }

    /** Calls back with the node a user double-clicks (to insert its name into SQL). */
    public void onPick(Consumer<SchemaNode> pick) {
        actions.onInsert(pick);
        tree.addItemDoubleClickListener(e -> {
            if (e.getItem() != null && e.getItem().name() != null && !e.getItem().name().isBlank()) {
                pick.accept(e.getItem());
            }
        });
    }

    /** Reads the catalogs and integrations again, in the background. */
    public void load() {
        progress.setVisible(true);
        status.setText("Reading catalogs and integrations…");
        UI ui = UI.getCurrent();
        var console = consoles.console();
        Async.supply(() -> schema.tree(console)).whenComplete((nodes, error) -> ui.access(() -> {
            progress.setVisible(false);
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                status.setText("Could not read the schema: " + cause.getMessage());
                return;
            }
            roots = nodes;
            status.setText(hint);
            show();
        }));
    }

    private void show() {
        String text = filter.getValue() == null ? "" : filter.getValue().strip().toLowerCase(Locale.ROOT);
        List<SchemaNode> visible = text.isEmpty() ? roots : SchemaFilter.keep(roots, text);
        tree.setItems(visible, SchemaNode::children);
        if (text.isEmpty()) {
            // Open the first two levels: catalogs show their databases, integrations their topics and tables.
            tree.expand(visible);
        } else {
            tree.expandRecursively(visible, 8);
        }
    }
}
