package dev.eddy.ui.alerts;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.tabs.TabSheetVariant;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.eddy.observe.alert.AlertService;
import dev.eddy.security.Role;
import dev.eddy.security.UserService;
import dev.eddy.ui.MainLayout;
import jakarta.annotation.security.PermitAll;

/** What fires now and fired before, the rules that watch jobs and integrations, where messages go, and silences. */
@Route(value = "alerts", layout = MainLayout.class)
@PageTitle("Alerts · Eddy")
@PermitAll
class AlertsView extends VerticalLayout {

    AlertsView(AlertService alerts, UserService users) {
        setSizeFull();
        boolean admin = users.current().may(Role.ADMIN);
        Paragraph about = new Paragraph("Rules watch jobs and integrations every 15 seconds. A rule that fires sends one "
                + "message to its channels, a reminder while it keeps firing, and one when it resolves.");
        about.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.NONE);
        TabSheet tabs = new TabSheet();
        tabs.addThemeVariants(TabSheetVariant.LUMO_BORDERED);
        tabs.setSizeFull();
        AlertHistoryPanel history = new AlertHistoryPanel(alerts);
        SilencesPanel silences = new SilencesPanel(alerts, admin);
        tabs.add("Firing and history", history);
        tabs.add("Rules", new RulesPanel(alerts, admin, silences::refresh));
        if (admin) {
            tabs.add("Channels", new ChannelsPanel(alerts));
        }
        tabs.add("Silences", silences);
        add(new H2("Alerts"), about, tabs);
        // Firings change on the evaluator's side: the page follows them while it is shown.
        dev.eddy.ui.LiveRefresh.every(this, 5000, history::refresh);
    }
}
