package dev.eddy.ui.sql;

import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import dev.eddy.gateway.GatewayException;

/** The outcome line above the results: success in green, errors in the user's terms with details on demand. */
class MessagePanel extends Div {

    MessagePanel() {
        addClassName("eddy-message");
        setVisible(false);
    }

    void success(String text) {
        show("success");
        add(new Span(text));
    }

    void error(GatewayException e) {
        error(e, 1);
    }

    /** A statement Eddy's policy did not let run: the rule and what to do, in its own words. */
    void refused(String why) {
        show("error");
        Span what = new Span(why);
        what.getStyle().set("font-weight", "600");
        add(what);
    }

    /** An error of a statement that starts at {@code firstLine} of the script: lines are the script's. */
    void error(GatewayException e, int firstLine) {
        show("error");
        Span what = new Span(e.getMessage());
        what.getStyle().set("font-weight", "600");
        add(what);
        StringBuilder where = new StringBuilder();
        e.line().ifPresent(l -> where.append("Line ").append(l + firstLine - 1));
        e.column().ifPresent(c -> where.append(", column ").append(c));
        if (!where.isEmpty()) {
            add(new Div(new Span(where.toString())));
        }
        e.hint().ifPresent(h -> add(new Div(new Span(h))));
        if (e.detail() != null && !e.detail().isBlank()) {
            // The causes first, root first: Flink's full text often opens with fifty frames of its REST plumbing.
            java.util.List<String> chain = dev.eddy.cluster.FailureCause.chain(e.detail());
            String text = chain.size() < 2 ? e.detail() : "Causes, the root first:\n  " + String.join("\n  ", chain)
                    + "\n\nFull text from Flink:\n" + e.detail();
            Details details = new Details("Details", new Pre(text));
            details.addClassName("eddy-error-details");
            add(details);
        }
    }

    /** A button under the message that does what it proposes (create the missing topic…). */
    void action(com.vaadin.flow.component.Component button) {
        Div row = new Div(button);
        row.addClassName("eddy-message-action");
        add(row);
    }

    /** The plan Flink would run a statement with (EXPLAIN), in full. */
    void plan(String text) {
        show("plan");
        Span title = new Span("Plan");
        title.getStyle().set("font-weight", "600");
        Pre plan = new Pre(text);
        plan.addClassName("eddy-plan");
        add(title, plan);
    }

    /** Something the running statement waits for (a free task slot), with what to do; shown until it clears. */
    void warning(String text) {
        if (getClassNames().contains("warning") && getElement().getTextRecursively().equals(text)) {
            return;
        }
        show("warning");
        add(new Span(text));
    }

    /** Takes a {@link #warning} away once what it waited for came; any other message stays. */
    void hideWarning() {
        if (getClassNames().contains("warning")) {
            hide();
        }
    }

    void hide() {
        removeAll();
        setVisible(false);
    }

    private void show(String kind) {
        removeAll();
        removeClassNames("error", "success", "plan", "warning");
        addClassName(kind);
        setVisible(true);
    }
}
