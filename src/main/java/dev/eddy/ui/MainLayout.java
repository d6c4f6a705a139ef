package dev.eddy.ui;

import jakarta.annotation.security.PermitAll;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.theme.lumo.LumoUtility;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.eddy.cluster.ClusterService;
import dev.eddy.security.Actor;
import dev.eddy.security.Role;
import dev.eddy.security.UserService;
import dev.eddy.security.ApiTokenService;
import dev.eddy.ui.account.ApiTokensDialog;
import dev.eddy.ui.account.PasswordDialog;

/** The frame around every view: the navigation, the signed-in user's menu and a link to Flink's own web UI. */
@PermitAll
public class MainLayout extends AppLayout {

    public MainLayout(ClusterService cluster, UserService users, ApiTokenService tokens,
            AuthenticationContext authentication) {
        Actor me = users.current();
        Span title = new Span("Eddy");
        title.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.FontWeight.SEMIBOLD);
        Span subtitle = new Span("Flink SQL console");
        subtitle.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        Anchor flinkUi = new Anchor(cluster.webUiLink(), "Flink web UI");
        flinkUi.setTarget("_blank");
        flinkUi.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.Margin.Left.AUTO, LumoUtility.Margin.Right.SMALL);
        Button theme = new Button(VaadinIcon.ADJUST.create(), e -> e.getSource().getElement().executeJs(
                "const dark = document.documentElement.getAttribute('theme') !== 'dark';"
                        + "document.documentElement.setAttribute('theme', dark ? 'dark' : '');"
                        + "localStorage.setItem('eddy-theme', dark ? 'dark' : 'light');"));
        theme.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        theme.setAriaLabel("Light or dark theme");
        theme.setTooltipText("Switch between the light and the dark theme");
        theme.addClassNames(LumoUtility.Margin.Right.MEDIUM, "eddy-theme-toggle");
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, subtitle, flinkUi, theme,
                userMenu(me, users, tokens, authentication));
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        header.addClassNames(LumoUtility.Padding.Vertical.SMALL);
        addToNavbar(header);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("SQL editor", "", VaadinIcon.CODE.create()));
        nav.addItem(new SideNavItem("Schema", "schema", VaadinIcon.FILE_TREE.create()));
        nav.addItem(new SideNavItem("Tables", "tables", VaadinIcon.TABLE.create()));
        nav.addItem(new SideNavItem("Jobs", "jobs", VaadinIcon.PLAY_CIRCLE.create()));
        nav.addItem(new SideNavItem("Integrations", "integrations", VaadinIcon.CONNECT.create()));
        nav.addItem(new SideNavItem("Functions", "functions", VaadinIcon.FUNCTION.create()));
        nav.addItem(new SideNavItem("Cluster", "cluster", VaadinIcon.CLUSTER.create()));
        nav.addItem(new SideNavItem("Alerts", "alerts", VaadinIcon.BELL.create()));
        if (me.may(Role.ADMIN)) {
            nav.addItem(new SideNavItem("Users", "users", VaadinIcon.USERS.create()));
            nav.addItem(new SideNavItem("Audit", "audit", VaadinIcon.CLIPBOARD_TEXT.create()));
        }
        nav.addClassNames(LumoUtility.Padding.SMALL);
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
        // The theme chosen last time, before the user sees the page in the other one.
        getElement().executeJs("if (localStorage.getItem('eddy-theme') === 'dark') "
                + "document.documentElement.setAttribute('theme', 'dark');");
    }

    private static MenuBar userMenu(Actor me, UserService users, ApiTokenService tokens,
            AuthenticationContext authentication) {
        MenuBar menu = new MenuBar();
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        menu.addClassNames("eddy-user-menu", LumoUtility.Margin.Right.MEDIUM);
        Span role = new Span(me.role().label());
        role.getElement().getThemeList().add("badge contrast small");
        role.addClassNames(LumoUtility.Margin.Left.SMALL);
        Span who = new Span(VaadinIcon.USER.create(), new Span(" " + me.name()), role);
        SubMenu items = menu.addItem(who).getSubMenu();
        items.addItem("Change password…", e -> new PasswordDialog(users).open());
        items.addItem("API tokens…", e -> new ApiTokensDialog(tokens, me.role()).open());
        items.addItem("Sign out", e -> authentication.logout());
        return menu;
    }
}
