package dev.eddy.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.shared.Registration;

/** Refreshes a page on a fixed interval while it is shown: what it shows changes on the cluster's or Eddy's side. */
public final class LiveRefresh {
    private LiveRefresh() {}

    /** Job states and figures: every 3 s. */
    public static void every3Seconds(Component page, Runnable refresh) {
        every(page, 3000, refresh);
    }

    /** Polls every {@code millis} while {@code page} is attached, and stops polling when it is not. */
    public static void every(Component page, int millis, Runnable refresh) {
        page.addAttachListener(attached -> {
            attached.getUI().setPollInterval(millis);
            Registration polling = attached.getUI().addPollListener(e -> refresh.run());
            Registration[] detach = new Registration[1];
            detach[0] = page.addDetachListener(detached -> {
                polling.remove();
                detached.getUI().setPollInterval(-1);
                detach[0].remove();
            });
        });
    }
}
