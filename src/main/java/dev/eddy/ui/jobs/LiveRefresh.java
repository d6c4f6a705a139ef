package dev.eddy.ui.jobs;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.shared.Registration;

/** Refreshes a page every 3 s while it is shown: job states and figures change on the cluster's side. */
final class LiveRefresh {
    private static final int EVERY_MS = 3000;

    private LiveRefresh() {}

    static void every3Seconds(Component page, Runnable refresh) {
        page.addAttachListener(attached -> {
            attached.getUI().setPollInterval(EVERY_MS);
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
