package dev.eddy.api.v1;

import dev.eddy.observe.alert.AlertChannel;
import dev.eddy.observe.alert.AlertCondition;
import dev.eddy.observe.alert.AlertEvent;
import dev.eddy.observe.alert.AlertException;
import dev.eddy.observe.alert.AlertRule;
import dev.eddy.observe.alert.AlertService;
import dev.eddy.observe.alert.ChannelDraft;
import dev.eddy.observe.alert.ChannelKind;
import dev.eddy.observe.alert.Severity;
import dev.eddy.observe.alert.Silence;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Alerts over HTTP: firings for everyone; rules, channels, test messages and silences for admins. */
@RestController
@RequestMapping("/api/v1/alerts")
@Tag(name = "Alerts", description = "Threshold alerts on jobs and integrations, told by email and webhook")
class AlertsApi {
    private final AlertService alerts;

    AlertsApi(AlertService alerts) {
        this.alerts = alerts;
    }

    /** A rule as a request writes it; durations in ISO-8601 (PT10M). */
    record RuleRequest(AlertCondition condition, String target, Double threshold, Duration window, Duration holdFor,
            Severity severity, List<String> channels, Boolean enabled) {}

    /** A rule as Eddy keeps it, with when it fires in words. */
    record RuleView(String name, AlertCondition condition, String target, double threshold, String window, String holdFor,
            Severity severity, List<String> channels, boolean enabled, String when) {
        static RuleView of(AlertRule r) {
            return new RuleView(r.name(), r.condition(), r.target(), r.threshold(), r.window().toString(),
                    r.holdFor().toString(), r.severity(), r.channels(), r.enabled(), r.when());
        }
    }

    /** A channel as a request writes it: its secret (SMTP password, webhook address) in the clear, never sent back. */
    record ChannelRequest(ChannelKind kind, Map<String, String> settings, String secret) {}

    /** A silence as a request writes it. */
    record SilenceRequest(String rule, Duration duration, String reason) {}

    /** The outcome of a test message, in words. */
    record Delivery(boolean ok, String message) {}

    @GetMapping
    @Operation(summary = "Firing alerts first, then resolved ones, newest first (viewer)")
    List<AlertEvent> history(@RequestParam(defaultValue = "100") int limit) {
        return alerts.history(limit);
    }

    @GetMapping("/rules")
    @Operation(summary = "Every rule (viewer)")
    List<RuleView> rules() {
        return alerts.rules().stream().map(RuleView::of).toList();
    }

    @PutMapping("/rules/{name}")
    @Operation(summary = "Create or change a rule (admin)")
    RuleView saveRule(@PathVariable String name, @RequestBody RuleRequest r) {
        Long id = alerts.rules().stream().filter(x -> x.name().equals(name)).map(AlertRule::id).findFirst().orElse(null);
        alerts.saveRule(new AlertRule(id, name, r.condition(), r.target(), r.threshold() == null ? 0 : r.threshold(),
                r.window(), r.holdFor(), r.severity(), r.channels(), r.enabled() == null || r.enabled()));
        return alerts.rules().stream().filter(x -> x.name().equals(name)).map(RuleView::of).findFirst().orElseThrow();
    }

    @DeleteMapping("/rules/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a rule; its firings stay in the history (admin)")
    void deleteRule(@PathVariable String name) {
        alerts.deleteRule(name);
    }

    @GetMapping("/channels")
    @Operation(summary = "Every channel; secrets are only said to be set (admin)")
    List<AlertChannel> channels() {
        return alerts.channels();
    }

    @PutMapping("/channels/{name}")
    @Operation(summary = "Create or change a channel (admin); a secret left out keeps the kept one")
    AlertChannel saveChannel(@PathVariable String name, @RequestBody ChannelRequest c) {
        boolean exists = alerts.channels().stream().anyMatch(x -> x.name().equals(name));
        alerts.saveChannel(exists ? name : null, new ChannelDraft(name, c.kind(), c.settings(), c.secret()));
        return alerts.channels().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }

    @DeleteMapping("/channels/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a channel no rule tells (admin)")
    void deleteChannel(@PathVariable String name) {
        alerts.deleteChannel(name);
    }

    @PostMapping("/channels/{name}/test")
    @Operation(summary = "Send a test message through the channel now (admin)")
    Delivery test(@PathVariable String name) {
        try {
            alerts.sendTest(name);
            return new Delivery(true, "Test message sent");
        } catch (AlertException e) {
            return new Delivery(false, e.getMessage());
        }
    }

    @GetMapping("/silences")
    @Operation(summary = "Silences in effect (viewer)")
    List<Silence> silences() {
        return alerts.silences();
    }

    @PostMapping("/silences")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Keep a rule's channels quiet (every rule's without one) for a duration (admin)")
    void silence(@RequestBody SilenceRequest s) {
        alerts.silence(s.rule(), s.duration(), s.reason());
    }

    @DeleteMapping("/silences/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End a silence now (admin)")
    void endSilence(@PathVariable long id) {
        alerts.endSilence(id);
    }
}
