package dev.eddy.ui.account;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.eddy.security.PasswordRules;
import dev.eddy.security.UserException;
import dev.eddy.security.UserService;

/** First run: the first admin, chosen in a browser on the machine Eddy runs on. */
@Route(value = "setup", autoLayout = false)
@PageTitle("Set up Eddy")
@AnonymousAllowed
public class SetupView extends VerticalLayout implements BeforeEnterObserver {
    private final UserService users;
    private final TextField name = new TextField("Admin user name");
    private final PasswordField password = new PasswordField("Password");
    private final PasswordField again = new PasswordField("Password again");
    private final Paragraph problem = new Paragraph();

    public SetupView(UserService users) {
        this.users = users;
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        addClassName("eddy-setup");
        H1 title = new H1("Welcome to Eddy");
        Paragraph intro = new Paragraph("Eddy has no user yet. Choose the first admin: it can add the rest of "
                + "your team on the Users page.");
        intro.setMaxWidth("28em");
        name.setValue("admin");
        password.setHelperText("At least " + PasswordRules.MIN_LENGTH + " characters.");
        name.setWidth("20em");
        password.setWidth("20em");
        again.setWidth("20em");
        problem.addClassNames(LumoUtility.TextColor.ERROR, "eddy-setup-problem");
        problem.setMaxWidth("28em");
        Button create = new Button("Create admin", e -> create());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickShortcut(Key.ENTER);
        add(title, intro, name, password, again, problem, create);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!users.needsFirstAdmin()) {
            event.forwardTo(LoginView.class);
            return;
        }
        if (!UserService.isLoopback(VaadinSession.getCurrent().getBrowser().getAddress())) {
            // Said before the form is filled in: the service would refuse it anyway.
            removeAll();
            add(new H1("Eddy is not set up yet"), new Paragraph("The first admin can only be created from a browser "
                    + "on the machine Eddy runs on (open http://localhost:<port>/setup there), or by starting Eddy "
                    + "with EDDY_ADMIN_PASSWORD set: the admin is then 'admin' with that password."));
        }
    }

    private void create() {
        if (!password.getValue().equals(again.getValue())) {
            problem.setText("The two passwords differ: type the same password twice.");
            return;
        }
        try {
            users.createFirstAdmin(VaadinSession.getCurrent().getBrowser().getAddress(), name.getValue(), password.getValue());
            getUI().ifPresent(ui -> ui.getPage().setLocation("login?created"));
        } catch (UserException e) {
            problem.setText(e.getMessage());
        }
    }
}
