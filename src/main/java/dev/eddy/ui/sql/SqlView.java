package dev.eddy.ui.sql;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.eddy.query.QueryService;
import dev.eddy.ui.MainLayout;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** The SQL page: script tabs, each with its own editor and its own running query and result. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("SQL editor · Eddy")
class SqlView extends VerticalLayout {
    private final ConsoleHolder console;
    private final TabSheet scripts = new TabSheet();
    private final List<ScriptEditor> editors = new ArrayList<>();
    private ZoneId zone = ZoneId.systemDefault();
    private int opened;

    SqlView(ConsoleHolder console, QueryService queries) {
        this.console = console;
        Button add = new Button(VaadinIcon.PLUS.create(), e -> addScript(""));
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        add.setAriaLabel("New script");
        add.setTooltipText("New script tab: its query runs beside the others");
        add.addClassName("eddy-new-script");
        scripts.setSuffixComponent(add);
        scripts.setSizeFull();
        scripts.addClassName("eddy-scripts");
        addScript(queries.exampleScript());
        add(scripts);
        setSizeFull();
    }

    private void addScript(String text) {
        ScriptEditor editor = new ScriptEditor(console, text);
        editor.setZone(zone);
        editors.add(editor);
        Span label = new Span("Script " + (++opened));
        Button close = new Button(VaadinIcon.CLOSE_SMALL.create());
        close.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        close.setAriaLabel("Close " + label.getText());
        close.setTooltipText("Close this script (stops its query)");
        Tab tab = new Tab(label, close);
        close.addClickListener(e -> closeScript(tab, editor));
        scripts.add(tab, editor);
        scripts.setSelectedTab(tab);
        updateCloseButtons();
        editor.focusEditor();
    }

    private void closeScript(Tab tab, ScriptEditor editor) {
        if (editors.size() == 1) {
            return;
        }
        editor.stopRunning();
        editors.remove(editor);
        scripts.remove(tab);
        updateCloseButtons();
    }

    /** The last script cannot be closed: the page always has an editor. */
    private void updateCloseButtons() {
        for (int i = 0; i < editors.size(); i++) {
            Tab tab = scripts.getTab(editors.get(i));
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
