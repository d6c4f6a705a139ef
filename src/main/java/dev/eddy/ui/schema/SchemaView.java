package dev.eddy.ui.schema;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.treegrid.TreeGrid;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.eddy.catalog.SchemaNode;
import dev.eddy.catalog.SchemaService;
import dev.eddy.ui.MainLayout;
import dev.eddy.ui.sql.Consoles;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Everything Flink and the integrations can see, as a tree that can be filtered by name. */
@Route(value = "schema", layout = MainLayout.class)
@PageTitle("Schema · Eddy")
class SchemaView extends VerticalLayout {
    private final SchemaService schema;
    private final Consoles consoles;
    private final TreeGrid<SchemaNode> tree = new TreeGrid<>();
    private final TextField filter = new TextField();
    private final ProgressBar progress = new ProgressBar();
    private final Span status = new Span();
    private List<SchemaNode> roots = List.of();

    SchemaView(SchemaService schema, Consoles consoles) {
        this.schema = schema;
        this.consoles = consoles;
        filter.setPlaceholder("Filter by name");
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(e -> show());
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> load());
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        progress.setIndeterminate(true);
        progress.setWidth("8em");
        status.addClassName("eddy-status");
        HorizontalLayout header = new HorizontalLayout(new H2("Schema"), filter, refresh, progress, status);
        header.setDefaultVerticalComponentAlignment(Alignment.BASELINE);

        tree.addHierarchyColumn(SchemaNode::label).setHeader("Name").setFlexGrow(2);
        tree.addColumn(n -> n.kind().name().toLowerCase().replace('_', ' ')).setHeader("Kind").setAutoWidth(true)
                .setFlexGrow(0);
        tree.addColumn(SchemaNode::detail).setHeader("Details").setFlexGrow(3).setTooltipGenerator(SchemaNode::detail);
        tree.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        tree.addClassName("eddy-schema-tree");
        tree.setSizeFull();
        add(header, tree);
        setSizeFull();
        load();
    }

    private void load() {
        progress.setVisible(true);
        status.setText("Reading catalogs and integrations…");
        UI ui = UI.getCurrent();
        var console = consoles.console();
        CompletableFuture.supplyAsync(() -> schema.tree(console)).whenComplete((nodes, error) -> ui.access(() -> {
            progress.setVisible(false);
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                status.setText("Could not read the schema: " + cause.getMessage());
                return;
            }
            roots = nodes;
            status.setText("");
            show();
        }));
    }

    private void show() {
        String text = filter.getValue() == null ? "" : filter.getValue().strip().toLowerCase();
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
