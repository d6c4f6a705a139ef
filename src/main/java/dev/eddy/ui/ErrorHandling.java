package dev.eddy.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import dev.eddy.security.AccessRefusedException;
import dev.eddy.security.UserException;
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

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(ErrorHandling::handle));
    }

    static void handle(ErrorEvent event) {
        String text = forPeople(event.getThrowable());
        UI ui = UI.getCurrent();
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
