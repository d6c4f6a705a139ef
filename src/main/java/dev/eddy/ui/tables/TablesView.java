package dev.eddy.ui.tables;

import jakarta.annotation.security.PermitAll;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.theme.lumo.LumoUtility;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.eddy.security.Role;
import dev.eddy.security.Access;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.TopicService;
import dev.eddy.table.TableException;
import dev.eddy.table.TableInfo;
import dev.eddy.table.TableService;
import dev.eddy.table.TableVersion;
import dev.eddy.ui.EmptyState;
import dev.eddy.ui.MainLayout;
import dev.eddy.ui.RelativeTime;
import java.util.List;
import java.util.Map;

/**
 * The tables of Eddy's catalog: where each reads from, its format, columns and version; create one
 * by pointing at a topic or PostgreSQL table, edit it (a new version), copy, drop, query.
 */
@Route(value = "tables", layout = MainLayout.class)
@PageTitle("Tables · Eddy")
@PermitAll
class TablesView extends VerticalLayout implements BeforeEnterObserver {
    private final TableService tables;
    private final IntegrationService integrations;
    private final TopicService topics;
    private final dev.eddy.gitops.SpecService specs;
    private Map<String, String> managed = Map.of();
    private final Grid<TableInfo> grid = new Grid<>();
    private final EmptyState empty = new EmptyState("Tables over your Kafka topics and PostgreSQL tables are listed "
            + "here. Point at a topic to create the first one: its columns are read from the messages.",
            "New table", "tables?new=true");

    TablesView(TableService tables, IntegrationService integrations, TopicService topics,
            dev.eddy.gitops.SpecService specs) {
        this.specs = specs;
        this.topics = topics;
        this.tables = tables;
        this.integrations = integrations;
        Button create = new Button("New table", VaadinIcon.PLUS.create(), e -> openWizard(null, null, null));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClassName("eddy-new-table");
        create.setVisible(Access.allows(Role.DEVELOPER));
        HorizontalLayout header = new HorizontalLayout(new H2("Tables"), create);
        header.setDefaultVerticalComponentAlignment(Alignment.BASELINE);

        grid.addColumn(new ComponentRenderer<>(t -> dev.eddy.ui.SpecBadge.named(t.name(), managed.get(t.name()))))
                .setHeader("Table").setAutoWidth(true).setFlexGrow(0).setSortable(true).setComparator(TableInfo::name)
                .setTooltipGenerator(t -> t.comment().isBlank() ? t.name() : t.name() + " · " + t.comment());
        grid.addColumn(t -> t.view() ? "view" : t.integration() + " · " + t.source()).setHeader("Reads from")
                .setWidth("10em").setFlexGrow(1).setSortable(true)
                .setTooltipGenerator(t -> t.integration() + " · " + t.source());
        grid.addColumn(new ComponentRenderer<>(t -> badge(t.connector() + (t.format().isBlank() ? "" : " · " + t.format()))))
                .setHeader("Kind").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(t -> t.columns().size()).setHeader("Columns").setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true).setFlexGrow(0).setTooltipGenerator(t -> String.join("\n", t.columns()));
        grid.addColumn(t -> "v" + t.version()).setHeader("Version").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(t -> jobs(t)).setHeader("Jobs").setAutoWidth(true).setTooltipGenerator(this::jobs);
        grid.addColumn(t -> RelativeTime.ago(t.updatedAt())).setHeader("Updated").setAutoWidth(true)
                .setComparator(TableInfo::updatedAt).setSortable(true)
                .setTooltipGenerator(t -> "Created " + RelativeTime.ago(t.createdAt()) + " (" + t.createdAt()
                        + "), last changed " + t.updatedAt() + " (version " + t.version() + ")");
        grid.addColumn(new ComponentRenderer<>(this::actions)).setHeader("").setWidth("5em").setFlexGrow(0);
        grid.setItemDetailsRenderer(new ComponentRenderer<>(t -> new Pre(String.join("\n", t.columns()))));
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addClassName("eddy-tables");
        grid.setSizeFull();
        add(header);
        tables.catalogProblem().ifPresent(problem -> add(catalogWarning(problem)));
        add(grid, empty);
        setFlexGrow(1, grid);
        setSizeFull();
        load();
    }

    /** {@code ?integration=…&source=…} opens the wizard on that topic or table; {@code ?new=true} an empty one. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> p = event.getLocation().getQueryParameters().getParameters();
        String integration = first(p, "integration");
        if (integration != null || "true".equals(first(p, "new"))) {
            openWizard(null, integration, first(p, "source"));
            event.getUI().getPage().getHistory().replaceState(null, event.getLocation().getPath());
        }
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        return values.isEmpty() ? null : values.get(0);
    }

    private String jobs(TableInfo t) {
        return String.join(", ", tables.jobsUsing(t.name()).stream()
                .map(u -> u.job() + (u.writes() ? " (writes)" : "") + (u.running() ? "" : " · stopped")
                        + (u.olderVersion() ? " · uses an older version" : "")).toList());
    }

    private void load() {
        List<TableInfo> all = tables.list();
        managed = specs.managed(dev.eddy.gitops.ResourceKind.TABLE);
        grid.setItems(all);
        grid.setVisible(!all.isEmpty());
        empty.setVisible(all.isEmpty());
    }

    private void openWizard(String editing, String integration, String source) {
        TableWizard wizard;
        try {
            wizard = new TableWizard(tables, integrations, topics, editing, done -> {
                load();
                Notification.show((editing == null ? "Created table " : "Saved version " + done.version() + " of ")
                        + done.name(), 4000, Notification.Position.BOTTOM_START);
            });
        } catch (TableException e) {
            Notification.show(e.getMessage(), 6000, Notification.Position.MIDDLE);
            return;
        }
        wizard.open();
        if (integration != null) {
            wizard.start(integration, source);
        }
    }

    private MenuBar actions(TableInfo t) {
        MenuBar menu = new MenuBar();
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE, MenuBarVariant.LUMO_SMALL);
        MenuItem more = menu.addItem(VaadinIcon.ELLIPSIS_DOTS_H.create());
        more.setAriaLabel("Actions on " + t.name());
        var sub = more.getSubMenu();
        sub.addItem("Query", e -> UI.getCurrent().navigate("", QueryParameters.simple(Map.of(
                "sql", "SELECT * FROM `" + t.name().replace("`", "``") + "`;", "run", "true"))));
        boolean developer = Access.allows(Role.DEVELOPER);
        if (!t.view() && developer) {
            sub.addItem("Edit", e -> openWizard(t.name(), null, null));
        }
        sub.addItem("Versions", e -> versions(t));
        if (developer) {
            sub.addItem("Copy", e -> copy(t));
            sub.addItem("Drop", e -> drop(t));
        }
        menu.addClassName("eddy-table-actions");
        menu.getElement().setAttribute("data-table", t.name());
        return menu;
    }

    private void versions(TableInfo t) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Versions of " + t.name());
        VerticalLayout list = new VerticalLayout();
        List<TableVersion> versions = tables.versions(t.name());
        for (int i = versions.size() - 1; i >= 0; i--) {
            TableVersion v = versions.get(i);
            Span title = new Span("Version " + v.version() + " · " + RelativeTime.ago(v.createdAt()));
            title.getStyle().set("font-weight", "600");
            Pre changes = new Pre(v.changes().isEmpty() ? (v.version() == 1 ? "created" : "no change")
                    : String.join("\n", v.changes()));
            changes.addClassName("eddy-table-diff");
            list.add(title, changes);
        }
        dialog.add(list);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.setWidth("min(60em, 94vw)");
        dialog.open();
    }

    private void copy(TableInfo t) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Copy " + t.name());
        TextField name = new TextField("Name of the copy");
        name.setValue(t.name() + "_copy");
        name.setWidthFull();
        Span error = new Span();
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        Button ok = new Button("Copy", e -> {
            try {
                tables.copy(t.name(), name.getValue().strip());
                dialog.close();
                load();
            } catch (TableException ex) {
                error.setText(ex.getMessage());
            }
        });
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(name, error);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), ok);
        dialog.open();
    }

    private void drop(TableInfo t) {
        ConfirmDialog confirm = new ConfirmDialog("Drop " + t.name() + "?",
                "The table's definition and its " + t.version() + (t.version() == 1 ? " version are" : " versions are")
                        + " deleted from Eddy's catalog. The data in " + (t.view() ? "its tables" : t.source())
                        + " stays where it is.", "Drop", e -> {
                            try {
                                tables.drop(t.name());
                                load();
                            } catch (TableException ex) {
                                Notification.show(ex.getMessage(), 6000, Notification.Position.MIDDLE);
                            }
                        });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }

    private static Span badge(String text) {
        Span badge = new Span(text);
        badge.getElement().getThemeList().add("badge contrast");
        return badge;
    }

    /** Against a remote gateway without Eddy's catalog, Eddy's tables cannot be used there: say so first. */
    private static Div catalogWarning(String problem) {
        Span title = new Span("Your Flink gateway has not opened Eddy's catalog");
        title.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        Div warning = new Div(title, new Div(new Span(problem)), new Div(new Span("Until it does, queries and jobs "
                + "there cannot use the tables Eddy keeps, and tables made in the editor stay in the gateway's own "
                + "catalog. Put eddy-flink-catalog.jar in the gateway's lib/ folder and give it Eddy's store address "
                + "and secret key (docs/configuration.md, \"Eddy's catalog on a remote Flink gateway\").")));
        warning.addClassNames("eddy-message", "error", "eddy-catalog-warning", LumoUtility.Display.FLEX,
                LumoUtility.FlexDirection.COLUMN, LumoUtility.Gap.XSMALL);
        return warning;
    }
}
