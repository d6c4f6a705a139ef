package dev.eddy.observe.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What rules, channels and messages say. */
class AlertWordsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aRuleSaysWhenItFiresAndWhatItWatches() {
        AlertRule restarts = new AlertRule(null, "Restarting", AlertCondition.RESTARTS, "orders", 2, Duration.ofMinutes(10),
                Duration.ZERO, Severity.CRITICAL, List.of("ops"), true);
        assertThat(restarts.when()).isEqualTo("more than 2 restarts in 10 min");
        assertThat(restarts.watches()).isEqualTo("job orders");
        AlertRule lag = new AlertRule(null, "Lag", AlertCondition.SOURCE_LAG, null, 1_200_000, null, Duration.ofMinutes(5),
                Severity.WARNING, List.of("ops"), true);
        assertThat(lag.when()).isEqualTo("more than 1,200,000 records behind for 5 min");
        assertThat(lag.watches()).isEqualTo("every job");
        assertThat(AlertCondition.INTEGRATION_UNREACHABLE.when(0, Duration.ZERO, Duration.ofSeconds(90)))
                .isEqualTo("nothing answers at the integration's address for 1 min 30 s");
    }

    @Test
    void aRuleThatCannotBeSavedSaysEveryProblem() {
        AlertRule bad = new AlertRule(null, "", AlertCondition.RESTARTS, null, -1, Duration.ofSeconds(10), Duration.ofDays(2),
                Severity.INFO, List.of(), true);
        assertThat(bad.problems()).containsExactly(
                "Give the rule a name of 1 to 80 letters, digits, spaces and . , : ( ) / _ -",
                "Set the threshold to 0 or more (restarts)",
                "Count restarts over 1 minute to 24 hours",
                "The condition can be held for 0 seconds to 24 hours before the rule fires",
                "Choose at least one channel to tell");
    }

    @Test
    void aChannelIsCheckedBeforeItIsSaved() {
        ChannelDraft email = new ChannelDraft("ops mail", ChannelKind.EMAIL, Map.of("host", "smtp.example.com", "port", "587",
                "security", "STARTTLS", "from", "eddy@example.com", "to", "a@example.com, b@example.com"), null);
        assertThat(email.problems(false)).isEmpty();
        ChannelDraft wrong = new ChannelDraft("ops mail", ChannelKind.EMAIL, Map.of("host", "smtp example", "port", "70000",
                "security", "SSL", "from", "a@x.com, b@x.com", "to", "nobody"), "pw");
        assertThat(wrong.problems(false)).containsExactly("Enter the SMTP server's host name",
                "The SMTP port is a number from 1 to 65535 (587 for STARTTLS, 465 for TLS, 25 without)",
                "Security is NONE, STARTTLS or TLS", "The sender is one email address, like eddy@example.com",
                "Send to one or more email addresses, separated by commas", "A password needs the user name it belongs to");
        assertThat(new ChannelDraft("hook", ChannelKind.WEBHOOK, Map.of(), "ftp://x/y").problems(false)).containsExactly(
                "The webhook's address is an http:// or https:// URL with a host, like https://hooks.slack.com/services/…");
        assertThat(new ChannelDraft("hook", ChannelKind.WEBHOOK, Map.of(), "").problems(true)).as("the kept address").isEmpty();
        assertThat(ChannelDraft.shownAs("https://hooks.slack.com/services/T000/B000/XXXX")).isEqualTo("https://hooks.slack.com/…");
    }

    @Test
    void aFiringMessageSaysTheJobTheRuleTheValueAndWhereToLook() {
        AlertMessage m = new AlertMessage(AlertMessage.Kind.FIRING, "Restarting", Severity.CRITICAL, "job orders",
                "5 restarts in the last 10 min", "more than 2 restarts in 10 min", "http://eddy:8080/job/3", T0, T0);
        assertThat(m.headline()).isEqualTo("[FIRING · critical] Restarting — job orders");
        assertThat(m.body()).contains("Restarting is firing for job orders.", "What: 5 restarts in the last 10 min",
                "Rule: fires when more than 2 restarts in 10 min", "Fired at: 2026-12-01 10:00:00 UTC",
                "Look at it: http://eddy:8080/job/3");
        AlertMessage resolved = new AlertMessage(AlertMessage.Kind.RESOLVED, "Restarting", Severity.CRITICAL, "job orders",
                "0 restarts in the last 10 min", "more than 2 restarts in 10 min", "http://eddy:8080/job/3", T0,
                T0.plusSeconds(754));
        assertThat(resolved.headline()).isEqualTo("[RESOLVED] Restarting — job orders");
        assertThat(resolved.body()).contains("Resolved at: 2026-12-01 10:12:34 UTC (after 12 min 34 s)");
    }

    @Test
    void aWebhookBodyIsASlackMessageWithEveryFieldAlsoByName() throws Exception {
        AlertMessage m = new AlertMessage(AlertMessage.Kind.FIRING, "Lag", Severity.WARNING, "job orders", "900 records behind",
                "more than 100 records behind", "http://eddy/job/3", T0, T0);
        var body = new ObjectMapper().readTree(WebhookSender.body(m, new ObjectMapper()));
        assertThat(body.get("text").asText()).isEqualTo("*[FIRING · warning] Lag — job orders*\n900 records behind\n"
                + "Fires when more than 100 records behind\n<http://eddy/job/3|Open in Eddy>");
        assertThat(body.get("eddy").get("kind").asText()).isEqualTo("firing");
        assertThat(body.get("eddy").get("subject").asText()).isEqualTo("job orders");
        assertThat(body.get("eddy").get("firedAt").asText()).isEqualTo("2026-12-01T10:00:00Z");
    }
}
