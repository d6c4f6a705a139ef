package dev.eddy.observe.alert;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A channel as an admin enters it: its settings, and its secret (the SMTP password, the webhook
 * address) in clear only on its way in; a blank secret keeps the one already kept.
 */
public record ChannelDraft(String name, ChannelKind kind, Map<String, String> settings, String secret) {
    /** How an email channel reaches its SMTP server. */
    public enum Security { NONE, STARTTLS, TLS }

    public ChannelDraft {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    public String setting(String key) {
        return settings.getOrDefault(key, "").strip();
    }

    /** What is wrong with it, in words; empty when it can be saved. */
    List<String> problems(boolean secretKept) {
        List<String> problems = new ArrayList<>();
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9 _.-]{0,59}")) {
            problems.add("Give the channel a name of 1 to 60 letters, digits, spaces and . _ -");
        }
        if (kind == null) {
            problems.add("Choose email or webhook");
            return problems;
        }
        boolean hasSecret = secret != null && !secret.isBlank();
        if (kind == ChannelKind.EMAIL) {
            if (!setting(AlertChannel.HOST).matches("[A-Za-z0-9.-]+|\\[[0-9a-fA-F:.]+]")) {
                problems.add("Enter the SMTP server's host name");
            }
            if (!port(setting(AlertChannel.PORT))) {
                problems.add("The SMTP port is a number from 1 to 65535 (587 for STARTTLS, 465 for TLS, 25 without)");
            }
            try {
                Security.valueOf(setting(AlertChannel.SECURITY).isEmpty() ? "STARTTLS" : setting(AlertChannel.SECURITY));
            } catch (IllegalArgumentException e) {
                problems.add("Security is NONE, STARTTLS or TLS");
            }
            if (!Addresses.valid(setting(AlertChannel.FROM), false)) {
                problems.add("The sender is one email address, like eddy@example.com");
            }
            if (!Addresses.valid(setting(AlertChannel.TO), true)) {
                problems.add("Send to one or more email addresses, separated by commas");
            }
            if (hasSecret && setting(AlertChannel.USERNAME).isEmpty()) {
                problems.add("A password needs the user name it belongs to");
            }
        } else {
            if (hasSecret) {
                webhookProblem(secret.strip()).ifPresent(problems::add);
            } else if (!secretKept) {
                problems.add("Enter the webhook's address, like https://hooks.slack.com/services/…");
            }
        }
        return problems;
    }

    private static boolean port(String text) {
        try {
            int p = Integer.parseInt(text);
            return p >= 1 && p <= 65535;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static java.util.Optional<String> webhookProblem(String address) {
        try {
            URI uri = new URI(address);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getUserInfo() == null) {
                return java.util.Optional.empty();
            }
        } catch (java.net.URISyntaxException e) {
            // said below
        }
        return java.util.Optional.of("The webhook's address is an http:// or https:// URL with a host, like "
                + "https://hooks.slack.com/services/…");
    }

    /** What may be shown of a webhook address: its scheme and host, never the token in its path. */
    static String shownAs(String address) {
        try {
            URI uri = new URI(address.strip());
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/…";
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return "a webhook";
        }
    }

    /** Email address checks without sending anything. */
    static final class Addresses {
        private Addresses() {}

        static boolean valid(String text, boolean several) {
            if (text == null || text.isBlank()) {
                return false;
            }
            try {
                var parsed = jakarta.mail.internet.InternetAddress.parse(text, true);
                return parsed.length >= 1 && (several || parsed.length == 1)
                        && java.util.Arrays.stream(parsed).allMatch(a -> a.getAddress().contains("@"));
            } catch (jakarta.mail.internet.AddressException e) {
                return false;
            }
        }
    }
}
