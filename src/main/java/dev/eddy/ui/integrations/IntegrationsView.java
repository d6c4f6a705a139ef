package dev.eddy.ui.integrations;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.eddy.config.Endpoints;
import dev.eddy.ui.EmptyState;
import dev.eddy.ui.MainLayout;

/** The Kafka and PostgreSQL services Eddy knows; today the one Kafka cluster it was started with. */
@Route(value = "integrations", layout = MainLayout.class)
@PageTitle("Integrations · Eddy")
class IntegrationsView extends VerticalLayout {
    IntegrationsView(Endpoints endpoints) {
        add(new H2("Integrations"));
        add(new Paragraph("Kafka: " + endpoints.kafkaBootstrapServers()));
        add(new EmptyState("Connected Kafka and PostgreSQL services, with their topics and tables, will be listed "
                + "here. Until then, name their addresses in a table's WITH clause in the SQL editor.",
                "Open the SQL editor", ""));
        setSizeFull();
    }
}
