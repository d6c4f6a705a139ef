package dev.eddy.ui.account;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.eddy.security.PasswordRules;
import dev.eddy.security.UserException;
import dev.eddy.security.UserService;

/** Change one's own password: the current one first, the new one twice. */
public class PasswordDialog extends Dialog {

    public PasswordDialog(UserService users) {
        setHeaderTitle("Change your password");
        PasswordField current = new PasswordField("Current password");
        PasswordField next = new PasswordField("New password");
        next.setHelperText("At least " + PasswordRules.MIN_LENGTH + " characters.");
        PasswordField again = new PasswordField("New password again");
        Paragraph problem = new Paragraph();
        problem.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        VerticalLayout fields = new VerticalLayout(current, next, again, problem);
        fields.setPadding(false);
        fields.getChildren().forEach(c -> c.getElement().getStyle().set("width", "20em"));
        add(fields);
        Button change = new Button("Change password", e -> {
            if (!next.getValue().equals(again.getValue())) {
                problem.setText("The two new passwords differ: type the same password twice.");
                return;
            }
            try {
                users.changeOwnPassword(current.getValue(), next.getValue());
                close();
                Notification.show("Your password is changed. Use it the next time you sign in.");
            } catch (UserException ex) {
                problem.setText(ex.getMessage());
            }
        });
        change.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), change);
    }
}
