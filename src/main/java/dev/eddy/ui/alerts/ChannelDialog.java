package dev.eddy.ui.alerts;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.eddy.observe.alert.AlertChannel;
import dev.eddy.observe.alert.AlertService;
import dev.eddy.observe.alert.ChannelDraft;
import dev.eddy.observe.alert.ChannelKind;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds or changes a channel. Its secret (the SMTP password, the webhook address with its token) is
 * never shown again: left blank on a change, the kept one stays.
 */
class ChannelDialog extends Dialog {
    private final TextField name = new TextField("Name");
    private final TextField host = new TextField("SMTP server");
    private final IntegerField port = new IntegerField("Port");
    private final Select<ChannelDraft.Security> security = new Select<>();
    private final TextField username = new TextField("User name");
    private final PasswordField secret = new PasswordField();
    private final EmailField from = new EmailField("From");
    private final TextField to = new TextField("To");

    ChannelDialog(AlertService alerts, ChannelKind kind, AlertChannel channel, Runnable saved) {
        setHeaderTitle((channel == null ? "Add " : "Change ") + (kind == ChannelKind.EMAIL ? "email channel" : "webhook")
                + (channel == null ? "" : " " + channel.name()));
        setWidth("min(600px, 95vw)");
        name.setValue(channel == null ? "" : channel.name());
        name.addClassName("eddy-channel-name");
        secret.addClassName("eddy-channel-secret");
        FormLayout form = new FormLayout(name);
        if (kind == ChannelKind.EMAIL) {
            security.setLabel("Security");
            security.setItems(ChannelDraft.Security.values());
            security.setItemLabelGenerator(s -> switch (s) {
                case NONE -> "None (plain, port 25)";
                case STARTTLS -> "STARTTLS (port 587)";
                case TLS -> "TLS (port 465)";
            });
            host.setValue(channel == null ? "" : channel.setting(AlertChannel.HOST));
            port.setValue(channel == null ? 587 : Integer.valueOf(channel.setting(AlertChannel.PORT)));
            security.setValue(channel == null || channel.setting(AlertChannel.SECURITY).isEmpty() ? ChannelDraft.Security.STARTTLS
                    : ChannelDraft.Security.valueOf(channel.setting(AlertChannel.SECURITY)));
            username.setValue(channel == null ? "" : channel.setting(AlertChannel.USERNAME));
            secret.setLabel("Password");
            from.setValue(channel == null ? "" : channel.setting(AlertChannel.FROM));
            to.setValue(channel == null ? "" : channel.setting(AlertChannel.TO));
            to.setHelperText("One or more addresses, separated by commas");
            form.add(host, port, security, username, secret, from, to);
            form.setColspan(to, 2);
        } else {
            secret.setLabel("Webhook address");
            secret.setHelperText("A Slack incoming webhook (https://hooks.slack.com/services/…) or any URL that takes JSON posts");
            form.add(secret);
            form.setColspan(secret, 2);
        }
        if (channel != null && channel.secretSet()) {
            secret.setPlaceholder("kept — type to replace");
        }
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("26em", 2));
        add(form);
        Button save = new Button(channel == null ? "Add channel" : "Save", e -> {
            if (Feedback.act(() -> alerts.saveChannel(channel == null ? null : channel.name(),
                    new ChannelDraft(name.getValue().strip(), kind, settings(kind), secret.getValue())),
                    "Channel " + name.getValue().strip() + " saved")) {
                saved.run();
                close();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClassName("eddy-save-channel");
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    private Map<String, String> settings(ChannelKind kind) {
        Map<String, String> s = new TreeMap<>();
        if (kind == ChannelKind.EMAIL) {
            s.put(AlertChannel.HOST, host.getValue().strip());
            s.put(AlertChannel.PORT, port.getValue() == null ? "" : String.valueOf(port.getValue()));
            s.put(AlertChannel.SECURITY, security.getValue() == null ? "" : security.getValue().name());
            s.put(AlertChannel.USERNAME, username.getValue().strip());
            s.put(AlertChannel.FROM, from.getValue().strip());
            s.put(AlertChannel.TO, to.getValue().strip());
        }
        return s;
    }
}
