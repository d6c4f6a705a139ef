package dev.eddy.ui.schema;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.contextmenu.GridContextMenu;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.treegrid.TreeGrid;
import dev.eddy.ui.Async;
import dev.eddy.catalog.SchemaNode;
import dev.eddy.catalog.SchemaNode.Kind;
import dev.eddy.catalog.SchemaService;
import dev.eddy.gateway.GatewayException;
import dev.eddy.ui.Consoles;
import dev.eddy.ui.integrations.MessagesGrid;
import dev.eddy.ui.integrations.RowsGrid;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a right-click on the schema tree offers for its node: insert the name, query or preview
 * the data, show a table's DDL.
 */
final class SchemaActions {
    private static final int PREVIEW = 20;
    private final SchemaService schema;
    private final Consoles consoles;
    private final SqlTarget sql;
    private final Span status;
    private Consumer<SchemaNode> insert;

    SchemaActions(SchemaService schema, Consoles consoles, SqlTarget sql, Span status) {
        this.schema = schema;
        this.consoles = consoles;
        this.sql = sql;
        this.status = status;
    }

    void onInsert(Consumer<SchemaNode> insert) {
        this.insert = insert;
    }

    void attach(TreeGrid<SchemaNode> tree) {
        GridContextMenu<SchemaNode> menu = tree.addContextMenu();
        menu.addClassName("eddy-schema-menu");
        menu.setDynamicContentHandler(node -> {
            menu.removeAll();
            if (node == null) {
                return false;
            }
            if (insert != null && node.name() != null && !node.name().isBlank() && node.kind() != Kind.PROBLEM) {
                menu.addItem("Insert name", e -> insert.accept(node));
            }
            switch (node.kind()) {
                case TABLE, VIEW -> {
                    menu.addItem("Query in the editor", e -> sql.open(SchemaService.previewQuery(node), true));
                    menu.addItem("Show DDL", e -> showDdl(node));
                }
                case TOPIC -> {
                    menu.addItem("Preview messages", e -> previewMessages(node));
                    menu.addItem("Create Flink table…", e -> createTable(node));
                }
                case PG_TABLE -> {
                    menu.addItem("Preview rows", e -> previewRows(node));
                    menu.addItem("Create Flink table…", e -> createTable(node));
                }
                default -> {
                    // Catalogs, databases, columns and functions only offer their name.
                }
            }
            return menu.getItems().size() > 0;
        });
    }

    /** The table wizard of the Tables page, on this topic or PostgreSQL table. */
    private static void createTable(SchemaNode node) {
        UI.getCurrent().navigate("tables", com.vaadin.flow.router.QueryParameters.simple(java.util.Map.of(
                "integration", node.integration().orElseThrow(), "source", node.name())));
    }

    private void showDdl(SchemaNode node) {
        var console = consoles.console();
        async(() -> schema.showCreate(console, node), ddl -> {
            Dialog dialog = dialog("DDL of " + node.label());
            Pre text = new Pre(ddl);
            text.addClassName("eddy-ddl");
            dialog.add(text);
            Button copy = new Button("Copy", e -> UI.getCurrent().getPage()
                    .executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", ddl));
            Button edit = new Button("Open in the editor", e -> {
                dialog.close();
                sql.open(ddl + ";", false);
            });
            edit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            dialog.getFooter().add(new Button("Close", e -> dialog.close()), copy, edit);
            dialog.open();
        });
    }

    private void previewMessages(SchemaNode topic) {
        async(() -> schema.latestMessages(topic, PREVIEW), messages -> {
            Dialog dialog = dialog("Latest " + messages.size() + " messages of " + topic.label());
            MessagesGrid grid = new MessagesGrid();
            grid.setItems(messages);
            grid.setHeight("28em");
            dialog.add(messages.isEmpty() ? new Span("The topic holds no message.") : grid);
            dialog.getFooter().add(new Button("Close", e -> dialog.close()));
            dialog.open();
        });
    }

    private void previewRows(SchemaNode table) {
        async(() -> schema.firstRows(table, PREVIEW), rows -> {
            Dialog dialog = dialog("First " + rows.rows().size() + " rows of " + table.label());
            RowsGrid grid = new RowsGrid();
            grid.show(rows);
            grid.setHeight("28em");
            dialog.add(rows.rows().isEmpty() ? new Span("The table is empty.") : grid);
            dialog.getFooter().add(new Button("Close", e -> dialog.close()));
            dialog.open();
        });
    }

    private static Dialog dialog(String title) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(title);
        dialog.setWidth("min(72em, 95vw)");
        dialog.setResizable(true);
        dialog.setDraggable(true);
        dialog.addClassName("eddy-preview-dialog");
        return dialog;
    }

    private <T> void async(Supplier<T> work, Consumer<T> then) {
        UI ui = UI.getCurrent();
        status.setText("Reading…");
        Async.supply(work).whenComplete((value, error) -> ui.access(() -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                status.setText(cause instanceof GatewayException g ? g.describe() : cause.getMessage());
            } else {
                status.setText("");
                then.accept(value);
            }
        }));
    }
}
