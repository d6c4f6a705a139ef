package dev.eddy.ui.integrations;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import dev.eddy.integration.ConnectionCheck;
import java.util.Locale;

/** The outcome of testing or saving an integration, in words. */
class CheckResult extends Div {

    CheckResult() {
        addClassNames("eddy-message", "eddy-check-result");
        setVisible(false);
    }

    void working(String text) {
        reset("");
        ProgressBar bar = new ProgressBar();
        bar.setIndeterminate(true);
        bar.setWidth("8em");
        add(new Span(text), bar);
    }

    void show(String name, ConnectionCheck check) {
        reset(check.ok() ? "success" : "error");
        Span headline = new Span(name + ": " + check.summary());
        headline.getStyle().set("font-weight", "600");
        add(headline);
        if (check.details().size() > 1) {
            // One line per credential; with a single one, its line is the headline already.
            check.details().forEach(d -> add(new Div(new Span(d))));
        }
        add(new Div(new Span(String.format(Locale.ROOT, "(answered in %.1f s)", check.took().toMillis() / 1000.0))));
    }

    void saved(String name) {
        done(name + " saved.");
    }

    void done(String text) {
        reset("success");
        add(new Span(text));
    }

    void failed(String message) {
        reset("error");
        add(new Span(message));
    }

    private void reset(String kind) {
        removeAll();
        removeClassNames("error", "success");
        if (!kind.isEmpty()) {
            addClassName(kind);
        }
        setVisible(true);
    }
}
