package dev.eddy.ui;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.PWA;
import com.vaadin.flow.theme.Theme;

/** The page shell: server push so result rows stream into the browser, and Eddy's theme. */
@Push
@Theme("eddy")
@PWA(name = "Eddy, a console for Flink SQL", shortName = "Eddy")
public class AppShell implements AppShellConfigurator {}
