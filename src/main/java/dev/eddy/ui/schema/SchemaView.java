package dev.eddy.ui.schema;

import jakarta.annotation.security.PermitAll;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.eddy.catalog.SchemaService;
import dev.eddy.ui.MainLayout;
import dev.eddy.ui.Consoles;
import java.util.Map;

/** Everything Flink and the integrations can see, as a tree that can be filtered by name. */
@Route(value = "schema", layout = MainLayout.class)
@PageTitle("Schema · Eddy")
@PermitAll
class SchemaView extends VerticalLayout {

    SchemaView(SchemaService schema, Consoles consoles) {
        SchemaTree tree = new SchemaTree(schema, consoles, false, (statement, run) -> UI.getCurrent()
                .navigate("", QueryParameters.simple(Map.of("sql", statement, "run", String.valueOf(run)))));
        add(new H2("Schema"), tree);
        setFlexGrow(1, tree);
        setSizeFull();
    }
}
