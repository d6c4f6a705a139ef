package dev.eddy.ui.integrations;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.eddy.observe.LogShipping;
import dev.eddy.ui.RelativeTime;
import java.util.Locale;
import java.util.Optional;

/** How shipping logs to an OpenSearch integration goes: what was shipped, waits, was dropped or refused, and why not now. */
class LogShippingPanel extends VerticalLayout {
    private final LogShipping shipping;
    private final Span what = new Span();
    private final Span how = new Span();
    private final Span problem = new Span();

    LogShippingPanel(LogShipping shipping) {
        this.shipping = shipping;
        addClassName("eddy-log-shipping");
        setPadding(false);
        setSpacing(false);
        problem.addClassName("eddy-error");
        problem.addClassName(com.vaadin.flow.theme.lumo.LumoUtility.TextColor.ERROR);
        add(what, how, problem);
    }

    void show(String integration) {
        Optional<LogShipping.Shipping> now = shipping.shipping(integration);
        if (now.isEmpty()) {
            what.setText("Eddy's log and the Flink processes' logs go here within 10 s of saving.");
            how.setText("");
            problem.setVisible(false);
            return;
        }
        LogShipping.Shipping s = now.get();
        what.setText("Eddy's log and the Flink processes' logs, " + s.level() + " and up, into " + s.index()
                + ". Records wait in Eddy while OpenSearch is away; past its buffer the oldest are dropped.");
        how.setText(describe(s));
        problem.setText(s.problem() == null ? "" : "Not shipped now: " + s.problem());
        problem.setVisible(s.problem() != null);
    }

    static String describe(LogShipping.Shipping s) {
        String sent = s.lastShippedAt() == null ? "Nothing shipped yet" : String.format(Locale.ROOT,
                "%,d records shipped, the last %s", s.shipped(), RelativeTime.ago(s.lastShippedAt()));
        String waiting = String.format(Locale.ROOT, "; %,d waiting", s.waiting());
        String dropped = s.dropped() == 0 ? "" : String.format(Locale.ROOT, "; %,d dropped (the oldest, while it was away)",
                s.dropped());
        String refused = s.refused() == 0 ? "" : String.format(Locale.ROOT, "; %,d refused by OpenSearch", s.refused());
        return sent + waiting + dropped + refused + ".";
    }
}
