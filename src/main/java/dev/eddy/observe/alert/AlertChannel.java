package dev.eddy.observe.alert;

import java.util.Map;

/**
 * Where messages go: an email channel's SMTP server and recipients, or a webhook. Its secret (the
 * SMTP password, the webhook address) is never part of it: {@code secretSet} only says one is kept,
 * and {@code shownAs} is what may be shown of the webhook address (its scheme and host).
 */
public record AlertChannel(long id, String name, ChannelKind kind, Map<String, String> settings, boolean secretSet,
        String shownAs) {
    public static final String HOST = "host";
    public static final String PORT = "port";
    public static final String SECURITY = "security";
    public static final String USERNAME = "username";
    public static final String FROM = "from";
    public static final String TO = "to";

    public AlertChannel {
        settings = Map.copyOf(settings);
    }

    public String setting(String key) {
        return settings.getOrDefault(key, "");
    }

    /** Where it sends, in words: "ops@example.com via smtp.example.com:587", "https://hooks.slack.com/…". */
    public String destination() {
        return kind == ChannelKind.EMAIL ? setting(TO) + " via " + setting(HOST) + ":" + setting(PORT) : shownAs;
    }
}
