package dev.eddy.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import dev.eddy.security.AccessRefusedException;
import dev.eddy.security.UserException;
import dev.eddy.security.StoreOutage;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one path by which an error nobody caught reaches a person: a refusal or a user-facing
 * problem in its own words; anything else as a short note with an incident number, its stack
 * trace only in Eddy's log.
 */
@Component
class ErrorHandling implements VaadinServiceInitListener {
    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);
    private final StoreOutage store;

    ErrorHandling(StoreOutage store) {
        this.store = store;
    }

    /** Every UI: errors as below, and no page while the store is down but the page that says so. */
    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(this::handle));
        event.getSource().addUIInitListener(init -> init.getUI().addBeforeEnterListener(enter -> {
            if (enter.getNavigationTarget() != StoreDownView.class && store.isDown()) {
                enter.rerouteTo(StoreDownView.class, StoreDownView.returningTo(enter.getLocation()));
            }
        }));
    }

    void handle(ErrorEvent event) {
        UI ui = UI.getCurrent();
        if (StoreOutage.isOutage(event.getThrowable())) {
            // Said once, on its own page, rather than as a failure of whatever was clicked.
            store.failed();
            log.warn("Eddy's store does not answer: {}", event.getThrowable().getMessage());
            if (ui != null) {
                ui.access(() -> ui.navigate(StoreDownView.class, StoreDownView.returningTo(ui.getActiveViewLocation())));
            }
            return;
        }
        String text = forPeople(event.getThrowable());
        if (ui != null) {
            ui.access(() -> {
                Notification note = Notification.show(text, 8000, Notification.Position.MIDDLE);
                note.addThemeVariants(NotificationVariant.LUMO_ERROR);
            });
        }
    }

    /** What a person is told about an error; unexpected ones are logged with the number they see. */
    static String forPeople(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AccessRefusedException || t instanceof UserException) {
                return t.getMessage();
            }
        }
        String incident = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected error in the console, incident {}", incident, error);
        return "Something went wrong (incident " + incident + "). Try again; if it keeps happening, give the incident "
                + "number to whoever runs Eddy: the details are in its log.";
    }
}
