package dev.eddy.ui.sql;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.tabs.TabsVariant;
import dev.eddy.gateway.GatewayException;
import dev.eddy.sql.SqlStatement;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the statements of one run gave: each statement that returned rows or failed keeps its own
 * result. A single statement shows its result alone; "Run all" gets one tab per such statement,
 * named by it, the failing one marked and selected.
 */
class ResultsArea extends VerticalLayout {
    private static final int LABEL_LENGTH = 36;
    private final Tabs tabs = new Tabs();
    private final VerticalLayout content = new VerticalLayout();
    private final Map<Tab, Entry> entries = new LinkedHashMap<>();
    private boolean tabbed;
    private ZoneId zone = ZoneId.systemDefault();

    /** One statement's outcome: its error, if any, above its rows, if any. */
    private static final class Entry extends VerticalLayout {
        final MessagePanel message = new MessagePanel();
        ResultPanel rows;

        Entry() {
            setPadding(false);
            setSpacing(false);
            setSizeFull();
            message.setWidthFull();
            add(message);
        }
    }

    ResultsArea() {
        tabs.addThemeVariants(TabsVariant.LUMO_SMALL);
        tabs.addClassName("eddy-statement-results");
        tabs.setWidthFull();
        tabs.addSelectedChangeListener(e -> showSelected());
        content.setSizeFull();
        content.setPadding(false);
        content.setSpacing(false);
        content.getStyle().set("min-height", "0");
        add(tabs, content);
        setFlexGrow(1, content);
        setPadding(false);
        setSpacing(false);
        setVisible(false);
    }

    void setZone(ZoneId zone) {
        this.zone = zone;
        entries.values().stream().filter(e -> e.rows != null).forEach(e -> e.rows.setZone(zone));
    }

    /** A new run: earlier results go; {@code statements} tells whether each gets a tab of its own. */
    void reset(int statements) {
        tabs.removeAll();
        entries.clear();
        content.removeAll();
        tabbed = statements > 1;
        tabs.setVisible(false);
        setVisible(false);
    }

    /** A result table for the statement, shown at once (selected when it is the newest). */
    ResultPanel rows(int index, SqlStatement statement) {
        Entry entry = entry(index, statement);
        if (entry.rows == null) {
            entry.rows = new ResultPanel();
            entry.rows.setZone(zone);
            entry.add(entry.rows);
            entry.setFlexGrow(1, entry.rows);
        }
        return entry.rows;
    }

    /**
     * The statement failed: its error is shown where its result would be, and its tab marked.
     * Returns the message, for an action that mends the cause.
     */
    MessagePanel failed(int index, SqlStatement statement, GatewayException error) {
        Entry entry = entry(index, statement);
        entry.message.error(error, statement.line());
        Tab tab = tabOf(entry);
        tab.addClassName("eddy-result-failed");
        tab.addComponentAsFirst(VaadinIcon.CLOSE_CIRCLE.create());
        tab.getElement().setAttribute("title", "Failed: " + statement.text());
        if (entry.rows != null) {
            entry.rows.end("Failed");
        }
        tabs.setSelectedTab(tab);
        return entry.message;
    }

    private Entry entry(int index, SqlStatement statement) {
        for (Map.Entry<Tab, Entry> e : entries.entrySet()) {
            if (e.getKey().getElement().getProperty("statementIndex", -1) == index) {
                return e.getValue();
            }
        }
        Entry entry = new Entry();
        Tab tab = new Tab(new Span(label(index, statement.text())));
        tab.getElement().setProperty("statementIndex", index);
        tab.getElement().setAttribute("title", statement.text());
        entries.put(tab, entry);
        tabs.add(tab);
        tabs.setVisible(tabbed);
        tabs.setSelectedTab(tab);
        showSelected();
        setVisible(true);
        return entry;
    }

    private Tab tabOf(Entry entry) {
        return entries.entrySet().stream().filter(e -> e.getValue() == entry).map(Map.Entry::getKey).findFirst()
                .orElseThrow();
    }

    private void showSelected() {
        Entry entry = entries.get(tabs.getSelectedTab());
        content.removeAll();
        if (entry != null) {
            content.add(entry);
            content.setFlexGrow(1, entry);
            if (entry.rows != null) {
                entry.rows.refresh();
            }
        }
    }

    /** "2 · SHOW TABLES": the statement's place in the script and its start, on one line. */
    static String label(int index, String statement) {
        String text = statement.strip().replaceAll("\\s+", " ");
        if (text.length() > LABEL_LENGTH) {
            text = text.substring(0, LABEL_LENGTH - 1).stripTrailing() + "…";
        }
        return index + " · " + text;
    }
}
