package dev.eddy.ui.account;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.eddy.security.PasswordRules;
import dev.eddy.security.Role;
import dev.eddy.security.UserException;
import dev.eddy.security.UserService;

/** A new user (name, role, first password), or a new password for an existing one. */
class UserDialog extends Dialog {

    /** Adds a user. */
    UserDialog(UserService users, Runnable saved) {
        this(users, saved, null);
    }

    /** Sets a new password for {@code existing}; or adds a user when it is null. */
    UserDialog(UserService users, Runnable saved, String existing) {
        setHeaderTitle(existing == null ? "Add a user" : "New password for " + existing);
        TextField name = new TextField("User name");
        Select<Role> role = new Select<>();
        role.setLabel("Role");
        role.setItems(Role.values());
        role.setItemLabelGenerator(Role::label);
        role.setValue(Role.DEVELOPER);
        PasswordField password = new PasswordField(existing == null ? "First password" : "New password");
        password.setHelperText("At least " + PasswordRules.MIN_LENGTH + " characters. Tell it to the user; they can "
                + "change it from their menu.");
        Paragraph problem = new Paragraph();
        problem.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL, "eddy-user-problem");
        VerticalLayout fields = existing == null ? new VerticalLayout(name, role, password, problem)
                : new VerticalLayout(password, problem);
        fields.setPadding(false);
        fields.getChildren().filter(c -> c != problem).forEach(c -> c.getElement().getStyle().set("width", "22em"));
        problem.setMaxWidth("22em");
        add(fields);
        Button save = new Button(existing == null ? "Add user" : "Set password", e -> {
            try {
                if (existing == null) {
                    users.add(name.getValue(), password.getValue(), role.getValue());
                    Notification.show(name.getValue().strip() + " can now sign in as a " + role.getValue().label());
                } else {
                    users.resetPassword(existing, password.getValue());
                    Notification.show("New password set for " + existing);
                }
                close();
                saved.run();
            } catch (UserException ex) {
                problem.setText(ex.getMessage());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }
}
