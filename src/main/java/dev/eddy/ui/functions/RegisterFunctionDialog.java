package dev.eddy.ui.functions;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextField;
import dev.eddy.function.FunctionLibraryException;
import dev.eddy.function.FunctionSignature;
import dev.eddy.function.LibraryVersion;
import dev.eddy.function.RegisteredFunctions;
import dev.eddy.security.AccessRefusedException;

/** Registers one function of a library version in Eddy's catalog under a name the admin chooses. */
final class RegisterFunctionDialog extends Dialog {
    RegisterFunctionDialog(RegisteredFunctions registry, LibraryVersion library, FunctionSignature function,
            Runnable registered) {
        setHeaderTitle("Register " + function.className().substring(function.className().lastIndexOf('.') + 1));
        addClassName("eddy-register-function");
        TextField name = new TextField("Function name");
        name.addClassName("eddy-function-name");
        name.setValue(function.suggestedName());
        name.setHelperText(callHint(function.suggestedName()));
        name.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.EAGER);
        name.addValueChangeListener(e -> name.setHelperText(callHint(e.getValue())));
        name.setWidthFull();
        Span error = new Span();
        error.addClassName("eddy-register-error");
        error.getElement().getThemeList().add("badge error");
        error.setVisible(false);
        error.getStyle().set("white-space", "normal");
        Paragraph what = new Paragraph(function.kind().label() + " " + function.className() + " from " + library.library()
                + " v" + library.version() + (function.signatures().isEmpty() ? ""
                        : ": " + String.join(", ", function.signatures())));
        what.getStyle().set("margin-top", "0");
        com.vaadin.flow.component.orderedlayout.VerticalLayout body =
                new com.vaadin.flow.component.orderedlayout.VerticalLayout(what, name, error);
        body.setPadding(false);
        body.setWidth("32em");
        add(body);
        Button register = new Button("Register", e -> {
            try {
                RegisteredFunctions.Registered done = registry.register(library.library(), function.className(),
                        name.getValue());
                Notification.show(done.callName() + " registered from " + done.source()
                        + ": every session and job can call it").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                close();
                registered.run();
            } catch (FunctionLibraryException | AccessRefusedException ex) {
                error.setText(ex.getMessage());
                error.setVisible(true);
            }
        });
        register.addClassName("eddy-register-confirm");
        register.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        register.addClickShortcut(Key.ENTER);
        register.setDisableOnClick(true);
        register.addClickListener(e -> register.setEnabled(true));
        getFooter().add(new Button("Cancel", e -> close()), register);
    }

    private static String callHint(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT);
        return n.isEmpty() ? "Letters, digits and _" : "Every session and job calls it as " + n + "(…)";
    }
}
