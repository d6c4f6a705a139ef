package dev.eddy.ui.sql;

import jakarta.annotation.security.PermitAll;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import dev.eddy.sql.SqlStatement;
import dev.eddy.sql.StatementSplitter;
import dev.eddy.catalog.SchemaService;
import dev.eddy.integration.TopicService;
import dev.eddy.job.JobService;
import dev.eddy.query.QueryService;
import dev.eddy.ui.jobs.DeployDialog;
import dev.eddy.sql.Script;
import dev.eddy.sql.ScriptService;
import dev.eddy.ui.MainLayout;
import dev.eddy.ui.schema.SchemaTree;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SQL page: script tabs kept in Eddy's store (a reload brings them back), each with its own
 * editor, running query and result; the history of what ran, searchable.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("SQL editor · Eddy")
@PermitAll
class SqlView extends VerticalLayout implements BeforeEnterObserver {
    private final ConsoleHolder console;
    private final ScriptService scripts;
    private final JobService jobs;
    private final TopicService topics;
    private final TabSheet sheet = new TabSheet();
    private final List<ScriptEditor> editors = new ArrayList<>();
    private ZoneId zone = ZoneId.systemDefault();

    SqlView(ConsoleHolder console, QueryService queries, ScriptService scripts,
            SchemaService schema, JobService jobs, TopicService topics) {
        this.console = console;
        this.topics = topics;
        this.jobs = jobs;
        this.scripts = scripts;
        Button add = new Button(VaadinIcon.PLUS.create(), e -> open(scripts.create(null, "")));
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        add.setAriaLabel("New script");
        add.setTooltipText("New script tab: its query runs beside the others");
        add.addClassName("eddy-new-script");
        Button past = new Button("History", VaadinIcon.CLOCK.create(),
                e -> new HistoryDialog(queries, statement -> open(scripts.create(null, statement))).open());
        past.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        past.setTooltipText("Statements run before, with their outcome: search, and open one in a new tab");
        past.addClassName("eddy-history");
        sheet.setSuffixComponent(new HorizontalLayout(add, past));
        sheet.setSizeFull();
        sheet.addClassName("eddy-scripts");
        scripts.mine().forEach(this::open);
        sheet.setSelectedIndex(0);

        // The schema beside the editor: a double-click writes the name where the cursor is.
        SchemaTree tree = new SchemaTree(schema, console, true, this::openStatement);
        tree.addClassName("eddy-side-schema");
        tree.onPick(node -> current().ifPresent(e -> e.insert(node.name())));
        SplitLayout split = new SplitLayout(tree, sheet);
        split.setSplitterPosition(20);
        split.setSizeFull();
        split.addClassName("eddy-sql-split");
        add(split);
        setSizeFull();
    }

    /** Opens a statement in a new tab; runs it when asked, and only if it reads (a SELECT). */
    private void openStatement(String statement, boolean run) {
        open(scripts.create(null, statement));
        List<SqlStatement> statements = StatementSplitter.split(statement);
        if (run && statements.size() == 1 && statements.get(0).isQuery()) {
            current().ifPresent(ScriptEditor::runAll);
        }
    }

    /**
     * {@code ?sql=…&run=true} (the Schema page's "Query in the editor") opens that statement. A link
     * can only make Eddy run a SELECT, never a statement that changes anything.
     */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters = event.getLocation().getQueryParameters().getParameters();
        List<String> sql = parameters.getOrDefault("sql", List.of());
        if (!sql.isEmpty() && !sql.get(0).isBlank()) {
            openStatement(sql.get(0), parameters.getOrDefault("run", List.of()).contains("true"));
            event.getUI().getPage().getHistory().replaceState(null, event.getLocation().getPath());
        }
    }

    private java.util.Optional<ScriptEditor> current() {
        return editors.stream().filter(e -> sheet.getSelectedTab() == sheet.getTab(e)).findFirst();
    }

    private void open(Script script) {
        ScriptEditor editor = new ScriptEditor(console, topics, script.content(), text -> scripts.saveContent(script.id(), text),
                statement -> DeployDialog.deploy(jobs, statement, DeployDialog::openJob).open());
        editor.setZone(zone);
        editors.add(editor);
        Span label = new Span(script.title());
        label.addClassName("eddy-script-title");
        label.getElement().setAttribute("title", "Double-click to rename");
        label.getElement().addEventListener("dblclick", e -> rename(script, label));
        Button close = new Button(VaadinIcon.CLOSE_SMALL.create());
        close.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        close.setAriaLabel("Close " + script.title());
        close.setTooltipText("Close this script (stops its query)");
        Tab tab = new Tab(label, close);
        close.addClickListener(e -> confirmClose(script, label, tab, editor));
        sheet.add(tab, editor);
        sheet.setSelectedTab(tab);
        updateCloseButtons();
        editor.focusEditor();
    }

    private void confirmClose(Script script, Span label, Tab tab, ScriptEditor editor) {
        if (editor.script().isBlank()) {
            close(script, tab, editor);
            return;
        }
        ConfirmDialog confirm = new ConfirmDialog("Close " + label.getText() + "?",
                "Its text is deleted, and a query it runs is stopped. Statements it ran stay in the history.",
                "Close and delete", e -> close(script, tab, editor));
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }

    private void close(Script script, Tab tab, ScriptEditor editor) {
        if (editors.size() == 1) {
            return;
        }
        editor.stopRunning();
        editors.remove(editor);
        sheet.remove(tab);
        scripts.delete(script.id());
        updateCloseButtons();
    }

    private void rename(Script script, Span label) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Rename script");
        TextField name = new TextField("Name");
        name.setValue(label.getText());
        name.setWidthFull();
        name.focus();
        Button save = new Button("Rename", e -> {
            String title = name.getValue().strip();
            if (!title.isEmpty()) {
                scripts.rename(script.id(), title);
                label.setText(title);
            }
            dialog.close();
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(com.vaadin.flow.component.Key.ENTER);
        dialog.add(name);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    /** The last script cannot be closed: the page always has an editor. */
    private void updateCloseButtons() {
        for (ScriptEditor editor : editors) {
            Tab tab = sheet.getTab(editor);
            tab.getChildren().filter(Button.class::isInstance)
                    .forEach(b -> ((Button) b).setVisible(editors.size() > 1));
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        event.getUI().getPage().retrieveExtendedClientDetails(details -> {
            try {
                zone = ZoneId.of(details.getTimeZoneId());
                editors.forEach(e -> e.setZone(zone));
            } catch (DateTimeException | NullPointerException e) {
                // An unknown zone from the browser: keep the server's.
            }
        });
    }
}
