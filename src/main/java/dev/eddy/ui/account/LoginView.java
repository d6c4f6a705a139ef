package dev.eddy.ui.account;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.theme.lumo.LumoUtility;
import com.vaadin.flow.component.html.Anchor;
import dev.eddy.security.SingleSignOn;
import dev.eddy.security.UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;

/** Sign in; on a fresh Eddy with no user yet, the way to the first-run setup. */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Eddy")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {
    private final UserService users;
    private final LoginForm form = new LoginForm();

    public LoginView(UserService users, SingleSignOn singleSignOn) {
        this.users = users;
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        addClassName("eddy-login");
        H1 title = new H1("Eddy");
        title.addClassNames(LumoUtility.Margin.NONE);
        Paragraph subtitle = new Paragraph("Flink SQL console");
        subtitle.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.Margin.NONE);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        Paragraph forgot = new Paragraph("Forgot your password? An admin can set a new one on the Users page.");
        forgot.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        add(title, subtitle, form);
        for (SingleSignOn.Provider provider : singleSignOn.providers()) {
            // A plain link: the provider's page is not part of Vaadin's single-page navigation.
            Anchor link = new Anchor(provider.path(), "Sign in with " + provider.name());
            link.setRouterIgnore(true);
            link.addClassNames("eddy-sso", LumoUtility.FontWeight.SEMIBOLD);
            add(link);
        }
        add(forgot);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (users.needsFirstAdmin()) {
            event.forwardTo(SetupView.class);
            return;
        }
        if (event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            LoginI18n i18n = LoginI18n.createDefault();
            LoginI18n.ErrorMessage error = i18n.getErrorMessage();
            Object last = lastFailure();
            if (last instanceof OAuth2AuthenticationException sso) {
                error.setTitle("Single sign-on did not let you in");
                error.setMessage(sso.getError().getDescription() != null ? sso.getError().getDescription()
                        : "The sign-in provider refused: " + sso.getError().getErrorCode() + ". Try again, or ask an admin.");
            } else if (last instanceof LockedException) {
                error.setTitle("This user is locked for now");
                error.setMessage("Too many wrong passwords in a row. Wait a few minutes and try again, "
                        + "or ask an admin to set a new password.");
            } else if (last instanceof DisabledException) {
                error.setTitle("This user is disabled");
                error.setMessage("An admin disabled this user. Ask an admin to enable it again.");
            } else {
                error.setTitle("Wrong user name or password");
                error.setMessage("Check both and try again. After five wrong passwords in a row the user is locked "
                        + "for a while.");
            }
            form.setI18n(i18n);
            form.setError(true);
        }
    }

    private static Object lastFailure() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null || session.getSession() == null) {
            return null;
        }
        try {
            return session.getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }
}
