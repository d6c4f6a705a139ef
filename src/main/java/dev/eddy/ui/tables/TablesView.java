package dev.eddy.ui.tables;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.eddy.ui.EmptyState;
import dev.eddy.ui.MainLayout;

/** Where point-and-click tables will be listed; until then it sends the user to CREATE TABLE. */
@Route(value = "tables", layout = MainLayout.class)
@PageTitle("Tables · Eddy")
class TablesView extends VerticalLayout {
    TablesView() {
        add(new H2("Tables"));
        add(new EmptyState("Tables over Kafka topics and PostgreSQL tables will be listed here. For now, "
                + "declare one with CREATE TABLE in the SQL editor; SHOW TABLES lists what your session sees.",
                "Open the SQL editor", ""));
        setSizeFull();
    }
}
