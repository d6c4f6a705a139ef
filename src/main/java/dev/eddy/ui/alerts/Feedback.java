package dev.eddy.ui.alerts;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.eddy.observe.alert.AlertException;

/** Runs an admin's change and says how it went: the words of a refusal, or what was done. */
final class Feedback {
    private Feedback() {}

    /** Whether the change was made. */
    static boolean act(Runnable change, String done) {
        try {
            change.run();
            Notification.show(done, 4000, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            return true;
        } catch (AlertException e) {
            Notification.show(e.getMessage(), 8000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
            return false;
        }
    }
}
