package dev.eddy.ui.functions;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import dev.eddy.function.FunctionLibraryException;
import dev.eddy.function.RegisteredFunctions;
import dev.eddy.function.RegisteredFunctions.Registered;
import dev.eddy.security.Access;
import dev.eddy.security.Role;
import java.util.List;

/** The functions of Eddy's catalog: how to call them, their signatures, the library version they come from. */
final class RegisteredFunctionsGrid extends Grid<Registered> {
    private final RegisteredFunctions registry;

    RegisteredFunctionsGrid(RegisteredFunctions registry) {
        this.registry = registry;
        addClassName("eddy-registered-functions");
        addColumn(Registered::callName).setHeader("Name").setAutoWidth(true);
        addColumn(r -> r.kind() == null ? "" : r.kind().label()).setHeader("Kind").setAutoWidth(true);
        addColumn(r -> String.join("\n", r.signatures())).setHeader("Signatures").setFlexGrow(1)
                .setTooltipGenerator(r -> r.className());
        addColumn(new ComponentRenderer<>(RegisteredFunctionsGrid::source)).setHeader("From").setAutoWidth(true);
        if (Access.allows(Role.ADMIN)) {
            addColumn(new ComponentRenderer<>(this::dropButton)).setHeader("").setAutoWidth(true).setFlexGrow(0);
        }
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setAllRowsVisible(true);
        setEmptyStateText("No functions yet: choose a library below and register its functions.");
    }

    void refresh() {
        List<Registered> all = registry.list();
        setItems(all);
    }

    private static Span source(Registered r) {
        Span from = new Span(r.source());
        if (r.behindLatest()) {
            from.setText(r.source() + " (v" + r.latestVersion() + " has no " + r.className() + ")");
            from.getElement().getThemeList().add("badge contrast");
        }
        return from;
    }

    private com.vaadin.flow.component.Component dropButton(Registered r) {
        if (!r.database().equals(dev.eddy.table.EddyCatalog.DEFAULT_DATABASE)) {
            return new Span();
        }
        Button drop = new Button("Drop", e -> {
            try {
                registry.drop(r.name());
                Notification.show(r.callName() + " dropped; jobs running keep the code they started with")
                        .addThemeVariants(NotificationVariant.LUMO_CONTRAST);
            } catch (FunctionLibraryException ex) {
                Notification.show(ex.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
            refresh();
        });
        drop.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        drop.addClassName("eddy-drop-function");
        return drop;
    }
}
