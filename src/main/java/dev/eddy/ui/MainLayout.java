package dev.eddy.ui;

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
import dev.eddy.config.Endpoints;

/** The frame around every view: the navigation and a link to Flink's own web UI. */
public class MainLayout extends AppLayout {

    public MainLayout(Endpoints endpoints) {
        Span title = new Span("Eddy");
        title.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.FontWeight.SEMIBOLD);
        Span subtitle = new Span("Flink SQL console");
        subtitle.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        Anchor flinkUi = new Anchor(endpoints.jobManagerUrl(), "Flink web UI");
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
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, subtitle, flinkUi, theme);
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
        nav.addItem(new SideNavItem("Cluster", "cluster", VaadinIcon.CLUSTER.create()));
        nav.addClassNames(LumoUtility.Padding.SMALL);
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
        // The theme chosen last time, before the user sees the page in the other one.
        getElement().executeJs("if (localStorage.getItem('eddy-theme') === 'dark') "
                + "document.documentElement.setAttribute('theme', 'dark');");
    }
}
