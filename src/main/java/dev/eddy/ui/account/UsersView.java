package dev.eddy.ui.account;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.eddy.security.EddyUser;
import dev.eddy.security.Role;
import dev.eddy.security.UserException;
import dev.eddy.security.UserService;
import dev.eddy.ui.MainLayout;
import dev.eddy.ui.RelativeTime;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;

/** Admins add users, change their roles, disable them and set new passwords. */
@Route(value = "users", layout = MainLayout.class)
@PageTitle("Users · Eddy")
@RolesAllowed("ADMIN")
class UsersView extends VerticalLayout {
    private final UserService users;
    private final Grid<EddyUser> grid = new Grid<>();

    UsersView(UserService users) {
        this.users = users;
        setSizeFull();
        Button add = new Button("Add user", VaadinIcon.PLUS.create(), e -> new UserDialog(users, this::refresh).open());
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout top = new HorizontalLayout(new H2("Users"), add);
        top.setWidthFull();
        top.setJustifyContentMode(JustifyContentMode.BETWEEN);
        top.setAlignItems(Alignment.BASELINE);
        Paragraph roles = new Paragraph("Viewers see schema, tables, jobs and their figures. Developers also run "
                + "statements and create tables and jobs through integrations. Admins also manage integrations, users "
                + "and the cluster.");
        roles.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.NONE);
        grid.addClassName("eddy-users");
        grid.addColumn(EddyUser::username).setHeader("User").setAutoWidth(true).setFlexGrow(1);
        grid.addComponentColumn(this::roleSelect).setHeader("Role").setAutoWidth(true);
        grid.addComponentColumn(this::status).setHeader("Status").setAutoWidth(true);
        grid.addColumn(u -> u.lastLoginAt() == null ? "never" : RelativeTime.ago(u.lastLoginAt()))
                .setHeader("Last sign-in").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
        add(top, roles, grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(users.list());
    }

    private Select<Role> roleSelect(EddyUser user) {
        Select<Role> role = new Select<>();
        role.setItems(Role.values());
        role.setItemLabelGenerator(Role::label);
        role.setValue(user.role());
        role.setAriaLabel("Role of " + user.username());
        role.setWidth("9em");
        role.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            act(() -> users.setRole(user.username(), e.getValue()), user.username() + " is now a " + e.getValue().label());
        });
        return role;
    }

    private Span status(EddyUser user) {
        Span badge = new Span(!user.enabled() ? "disabled" : user.lockedAt(Instant.now()) ? "locked for now" : "active");
        badge.getElement().getThemeList().add("badge " + (!user.enabled() ? "contrast" : user.lockedAt(Instant.now())
                ? "error" : "success"));
        return badge;
    }

    private HorizontalLayout actions(EddyUser user) {
        Button password = new Button("Set password…", e -> new UserDialog(users, this::refresh, user.username()).open());
        password.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        Button enable = new Button(user.enabled() ? "Disable" : "Enable",
                e -> act(() -> users.setEnabled(user.username(), !user.enabled()),
                        user.username() + (user.enabled() ? " can no longer sign in" : " can sign in again")));
        enable.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        return new HorizontalLayout(password, enable);
    }

    private void act(Runnable change, String done) {
        try {
            change.run();
            Notification.show(done).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (UserException e) {
            Notification.show(e.getMessage(), 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }
}
