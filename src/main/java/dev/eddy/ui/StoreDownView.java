package dev.eddy.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.eddy.security.StoreOutage;
import java.util.List;
import java.util.Map;

/**
 * What every page becomes while Eddy's own store does not answer: what is wrong and what happens
 * now, looked at again every 2 s; once the store answers, the page the person was on comes back.
 */
@Route(value = "store-unavailable", autoLayout = false)
@PageTitle("Eddy cannot reach its store")
@AnonymousAllowed
public class StoreDownView extends VerticalLayout implements BeforeEnterObserver {
    private static final int POLL_MILLIS = 2_000;
    private final StoreOutage store;
    private final Span status = new Span("Looking again every few seconds…");
    private String back = "";

    public StoreDownView(StoreOutage store) {
        this.store = store;
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        addClassName("eddy-store-down");
        H1 title = new H1("Eddy cannot reach its store");
        Paragraph message = new Paragraph(store.message());
        message.setMaxWidth("36em");
        message.addClassName("eddy-store-down-message");
        ProgressBar looking = new ProgressBar();
        looking.setIndeterminate(true);
        looking.setWidth("6em");
        Button now = new Button("Try now", e -> look());
        now.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        status.addClassName("eddy-store-down-status");
        HorizontalLayout again = new HorizontalLayout(looking, status, now);
        again.setDefaultVerticalComponentAlignment(Alignment.CENTER);
        add(title, message, again);
    }

    /** The query that brings a person back to {@code location} once the store answers. */
    static QueryParameters returningTo(Location location) {
        String path = location.getPathWithQueryParameters();
        return path.isEmpty() || path.startsWith(StoreDownView.class.getAnnotation(Route.class).value())
                ? QueryParameters.empty() : new QueryParameters(Map.of("back", List.of(path)));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        // Only a path inside Eddy: the parameter is the browser's to change.
        back = event.getLocation().getQueryParameters().getParameters().getOrDefault("back", List.of("")).get(0);
        if (back.contains("//") || back.contains(":") || back.startsWith("/") || back.contains("\\")) {
            back = "";
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        ui.setPollInterval(POLL_MILLIS);
        ui.addPollListener(e -> look());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
    }

    private void look() {
        if (store.isDown()) {
            status.setText("Still no answer at " + java.time.LocalTime.now().withNano(0) + " (server time); "
                    + "looking again every few seconds…");
        } else {
            getUI().ifPresent(ui -> ui.navigate(back));
        }
    }
}
