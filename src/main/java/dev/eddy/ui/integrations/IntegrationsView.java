package dev.eddy.ui.integrations;

import jakarta.annotation.security.PermitAll;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.eddy.ui.Async;
import dev.eddy.integration.ConnectionCheck;
import dev.eddy.integration.Credentials;
import dev.eddy.integration.Integration;
import dev.eddy.integration.IntegrationException;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.security.Access;
import dev.eddy.security.Role;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.KafkaSettings;
import dev.eddy.ui.MainLayout;

/** The Kafka and PostgreSQL services Eddy knows: add, edit, test and remove them. */
@Route(value = "integrations", layout = MainLayout.class)
@PageTitle("Integrations · Eddy")
@PermitAll
class IntegrationsView extends VerticalLayout {
    private final IntegrationService integrations;
    private final dev.eddy.gitops.SpecService specs;
    private java.util.Map<String, String> managed = java.util.Map.of();
    private final Grid<Integration> grid = new Grid<>();
    private final CheckResult result = new CheckResult();
    private final IntegrationDetails details;

    private static final String READ_WRITE = "read & write";
    private static final String READ_ONLY = "read only";

    IntegrationsView(IntegrationService integrations, dev.eddy.gitops.SpecService specs,
            dev.eddy.observe.MetricsExport metricsExport, dev.eddy.observe.LogShipping logShipping) {
        this.specs = specs;
        this.integrations = integrations;
        this.details = new IntegrationDetails(integrations, new MetricsExportPanel(metricsExport,
                dev.eddy.security.Access.allows(dev.eddy.security.Role.ADMIN)), new LogShippingPanel(logShipping));
        Button addKafka = new Button("Add Kafka", VaadinIcon.PLUS.create(), e -> edit(null, IntegrationKind.KAFKA));
        Button addPostgres = new Button("Add PostgreSQL", VaadinIcon.PLUS.create(),
                e -> edit(null, IntegrationKind.POSTGRES));
        Button addOpenSearch = new Button("Add OpenSearch", VaadinIcon.PLUS.create(),
                e -> edit(null, IntegrationKind.OPENSEARCH));
        addOpenSearch.setTooltipText("An OpenSearch service Eddy ships its and the cluster's logs to");
        addKafka.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        boolean admin = Access.allows(Role.ADMIN);
        addKafka.setVisible(admin);
        addPostgres.setVisible(admin);
        addOpenSearch.setVisible(admin);
        HorizontalLayout header = new HorizontalLayout(new H2("Integrations"), addKafka, addPostgres, addOpenSearch);
        header.setDefaultVerticalComponentAlignment(Alignment.BASELINE);

        grid.addColumn(new ComponentRenderer<>(i -> dev.eddy.ui.SpecBadge.named(i.name(), managed.get(i.name()))))
                .setHeader("Name").setAutoWidth(true);
        grid.addColumn(new ComponentRenderer<>(i -> badge(i.kind().label(), "contrast"))).setHeader("Kind")
                .setAutoWidth(true);
        grid.addColumn(Integration::address).setHeader("Address").setFlexGrow(2).setTooltipGenerator(Integration::address);
        grid.addColumn(IntegrationsView::credentials).setHeader("Credentials").setFlexGrow(2);
        grid.addColumn(new ComponentRenderer<>(i -> developers(i, admin))).setHeader("Developers").setAutoWidth(true);
        grid.addColumn(new ComponentRenderer<>(i -> i.builtIn() ? badge("built in", "") : new Span()))
                .setHeader("").setAutoWidth(true);
        // Only admins add, test, edit and remove integrations: the others see no buttons that would be refused.
        grid.addColumn(new ComponentRenderer<>(this::actions)).setHeader("").setAutoWidth(true).setFlexGrow(0)
                .setVisible(admin);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addClassName("eddy-integrations");
        grid.setAllRowsVisible(true);
        grid.asSingleSelect().addValueChangeListener(e -> {
            if (e.getValue() != null) {
                details.show(e.getValue());
            }
        });
        add(header, result, grid, details);
        refresh();
    }

    private HorizontalLayout actions(Integration i) {
        Button test = new Button("Test", e -> test(i.name()));
        test.addThemeVariants(ButtonVariant.LUMO_SMALL);
        Button edit = new Button("Edit", e -> edit(i, i.kind()));
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        edit.setEnabled(!i.builtIn());
        Button remove = new Button("Remove", e -> confirmRemove(i));
        remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        remove.setEnabled(!i.builtIn());
        if (i.builtIn()) {
            edit.setTooltipText("Built in: Eddy keeps its settings");
            remove.setTooltipText("Built in: part of the embedded stack");
        }
        return new HorizontalLayout(test, edit, remove);
    }

    /** What developers may do through it: admins choose here, everyone else reads it. */
    private com.vaadin.flow.component.Component developers(Integration i, boolean admin) {
        if (i.kind() == IntegrationKind.OPENSEARCH) {
            return new Span(); // it receives logs: developers neither read nor write through it
        }
        if (!admin) {
            return i.developersReadOnly() ? badge("read only", "contrast") : new Span(READ_WRITE);
        }
        Select<String> access = new Select<>();
        access.setItems(READ_WRITE, READ_ONLY);
        access.setValue(i.developersReadOnly() ? READ_ONLY : READ_WRITE);
        access.addThemeName("small");
        access.setWidth("9em");
        access.addClassName("eddy-developer-access");
        access.setId("developer-access-" + i.name());
        access.setTooltipText("Read only: developers' queries and jobs may read its tables but never write to them; "
                + "admins still may.");
        access.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            try {
                boolean readOnly = READ_ONLY.equals(e.getValue());
                integrations.setDevelopersReadOnly(i.name(), readOnly);
                result.done(readOnly ? "Developers may now only read through " + i.name() + "."
                        : "Developers may now read and write through " + i.name() + ".");
            } catch (IntegrationException ex) {
                result.failed(ex.getMessage());
            }
            refresh();
        });
        return access;
    }

    private void test(String name) {
        result.working("Testing " + name + "…");
        UI ui = UI.getCurrent();
        Async.supply(() -> integrations.test(name))
                .whenComplete((check, error) -> ui.access(() -> show(name, check, error)));
    }

    private void show(String name, ConnectionCheck check, Throwable error) {
        if (error != null) {
            result.failed(name + ": " + (error.getCause() != null ? error.getCause().getMessage() : error.getMessage()));
        } else {
            result.show(name, check);
        }
    }

    private void edit(Integration existing, IntegrationKind kind) {
        new IntegrationDialog(integrations, existing, kind, saved -> {
            refresh();
            result.saved(saved.name());
        }).open();
    }

    private void confirmRemove(Integration i) {
        ConfirmDialog confirm = new ConfirmDialog("Remove " + i.name() + "?",
                "Eddy forgets this " + i.kind().label() + " service and its stored credentials. The service itself "
                        + "is not touched.", "Remove", e -> {
                    try {
                        integrations.delete(i.name());
                        refresh();
                    } catch (IntegrationException ex) {
                        result.failed(ex.getMessage());
                    }
                });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }

    private void refresh() {
        managed = specs.managed(dev.eddy.gitops.ResourceKind.INTEGRATION);
        grid.setItems(integrations.list());
    }

    private static String credentials(Integration i) {
        String read = i.setting(Credentials.READ_USER);
        String write = i.setting(Credentials.WRITE_USER);
        if (i.kind() == IntegrationKind.OPENSEARCH) {
            return write.isBlank() ? "none" : write + (i.secretsSet().contains(Credentials.WRITE_PASSWORD) ? " (password set)" : "");
        }
        StringBuilder s = new StringBuilder();
        if (!read.isBlank()) {
            s.append("read-only: ").append(read).append(i.secretsSet().contains(Credentials.READ_PASSWORD) ? " (password set)" : "");
        }
        if (!write.isBlank()) {
            s.append(s.isEmpty() ? "" : " · ").append("read-write: ").append(write)
                    .append(i.secretsSet().contains(Credentials.WRITE_PASSWORD) ? " (password set)" : "");
        }
        String protocol = i.setting(KafkaSettings.SECURITY_PROTOCOL);
        return !s.isEmpty() ? s.toString() : protocol.isBlank() ? "none" : "none (" + protocol + ")";
    }

    private static Span badge(String text, String theme) {
        Span badge = new Span(text);
        badge.getElement().getThemeList().add(("badge " + theme).strip());
        return badge;
    }
}
