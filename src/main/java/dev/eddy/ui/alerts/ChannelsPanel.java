package dev.eddy.ui.alerts;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.eddy.observe.alert.AlertChannel;
import dev.eddy.observe.alert.AlertService;
import dev.eddy.observe.alert.ChannelKind;

/** Where messages go: email through an SMTP server, or a Slack-compatible webhook; each with a test button. */
class ChannelsPanel extends VerticalLayout {
    private final AlertService alerts;
    private final Grid<AlertChannel> grid = new Grid<>();
    private final Paragraph empty = new Paragraph("No channels yet. Add an email channel (an SMTP server and recipients) "
            + "or a webhook (a Slack incoming webhook, or any receiver of JSON posts).");

    ChannelsPanel(AlertService alerts) {
        this.alerts = alerts;
        setSizeFull();
        setPadding(false);
        grid.addClassName("eddy-alert-channels");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(AlertChannel::name).setHeader("Channel").setAutoWidth(true);
        grid.addColumn(c -> c.kind().label()).setHeader("Kind").setAutoWidth(true);
        grid.addColumn(AlertChannel::destination).setHeader("Sends to").setFlexGrow(3);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
        Button email = new Button("Add email", VaadinIcon.ENVELOPE.create(),
                e -> new ChannelDialog(alerts, ChannelKind.EMAIL, null, this::refresh).open());
        Button webhook = new Button("Add webhook", VaadinIcon.CONNECT.create(),
                e -> new ChannelDialog(alerts, ChannelKind.WEBHOOK, null, this::refresh).open());
        email.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        email.addClassName("eddy-add-email");
        webhook.addClassName("eddy-add-webhook");
        empty.addClassName("eddy-empty-text");
        add(new HorizontalLayout(email, webhook), empty, grid);
        refresh();
    }

    void refresh() {
        var channels = alerts.channels();
        grid.setItems(channels);
        grid.setVisible(!channels.isEmpty());
        empty.setVisible(channels.isEmpty());
    }

    private HorizontalLayout actions(AlertChannel channel) {
        Button test = new Button("Send test", VaadinIcon.PAPERPLANE.create(),
                e -> Feedback.act(() -> alerts.sendTest(channel.name()), "Test message sent to " + channel.destination()));
        test.addClassName("eddy-send-test");
        Button edit = new Button("Edit", e -> new ChannelDialog(alerts, channel.kind(), channel, this::refresh).open());
        Button delete = new Button("Delete", e -> {
            Feedback.act(() -> alerts.deleteChannel(channel.name()), "Channel " + channel.name() + " deleted");
            refresh();
        });
        for (Button b : new Button[] {test, edit, delete}) {
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        }
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        return new HorizontalLayout(test, edit, delete);
    }
}
