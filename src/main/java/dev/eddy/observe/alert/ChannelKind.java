package dev.eddy.observe.alert;

/** How a channel carries messages. */
public enum ChannelKind {
    EMAIL("Email"), WEBHOOK("Webhook (Slack-compatible)");

    private final String label;

    ChannelKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
