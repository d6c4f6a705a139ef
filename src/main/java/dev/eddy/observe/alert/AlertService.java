package dev.eddy.observe.alert;

import dev.eddy.integration.Integration;
import dev.eddy.integration.IntegrationService;
import dev.eddy.job.Job;
import dev.eddy.job.JobService;
import dev.eddy.security.CurrentUser;
import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The Alerts page's and API's one way in: firings and their history for everyone; rules, channels,
 * test messages and silences for admins (each change audited).
 */
@Service
public class AlertService {
    private static final Duration LONGEST_SILENCE = Duration.ofDays(30);
    private final AlertStore store;
    private final AlertDelivery delivery;
    private final AlertEvaluator evaluator;
    private final JobService jobs;
    private final IntegrationService integrations;

    AlertService(AlertStore store, AlertDelivery delivery, AlertEvaluator evaluator, JobService jobs,
            IntegrationService integrations) {
        this.store = store;
        this.delivery = delivery;
        this.evaluator = evaluator;
        this.jobs = jobs;
        this.integrations = integrations;
    }

    /** Firing alerts first, then resolved ones, newest first. */
    @Requires(Role.VIEWER)
    public List<AlertEvent> history(int limit) {
        return store.history(limit);
    }

    @Requires(Role.VIEWER)
    public List<AlertRule> rules() {
        return store.rules();
    }

    @Requires(value = Role.ADMIN, action = "Reading alert channels", audited = false)
    public List<AlertChannel> channels() {
        return store.channels();
    }

    @Requires(Role.VIEWER)
    public List<Silence> silences() {
        return store.silences(Instant.now());
    }

    /** Adds a rule, or changes the one with {@code rule.id()}. */
    @Requires(value = Role.ADMIN, action = "Changing alert rules")
    public void saveRule(AlertRule rule) {
        List<String> problems = new java.util.ArrayList<>(rule.problems());
        List<String> known = store.channels().stream().map(AlertChannel::name).toList();
        rule.channels().stream().filter(c -> !known.contains(c))
                .forEach(c -> problems.add("There is no channel " + c + ": add it under Channels first"));
        if (rule.condition() != null && rule.target() != null && !watchable(rule.condition()).contains(rule.target())) {
            problems.add(rule.condition().watches() == AlertCondition.Watches.PROCESS
                    ? "A heap or CPU rule watches every process of the cluster: leave the process empty"
                    : "There is no " + (rule.condition().watches() == AlertCondition.Watches.JOB ? "job " : "integration ")
                    + rule.target() + " to watch: choose one that exists, or every one");
        }
        refuseIf(problems);
        try {
            store.save(rule);
        } catch (DuplicateKeyException e) {
            throw new AlertException("There is already a rule named " + rule.name() + ": choose another name.");
        }
        if (rule.id() != null) {
            evaluator.forget(rule.id());
        }
    }

    /** The names a rule of the condition can watch: jobs, or integrations. */
    @Requires(Role.ADMIN)
    public List<String> watchable(AlertCondition condition) {
        return switch (condition.watches()) {
            case JOB -> jobs.list().stream().map(Job::name).sorted().toList();
            case INTEGRATION -> integrations.list().stream().map(Integration::name).sorted().toList();
            // The cluster's processes come and go (a TaskManager started again has a new id): a rule watches them all.
            case PROCESS -> List.of();
        };
    }

    @Requires(value = Role.ADMIN, action = "Deleting alert rules")
    public void deleteRule(String name) {
        store.rule(name).ifPresent(r -> evaluator.forget(r.id()));
        if (!store.deleteRule(name)) {
            throw new AlertException("There is no rule named " + name + ".");
        }
    }

    /** Adds a channel ({@code previousName} null) or changes the one named {@code previousName}. */
    @Requires(value = Role.ADMIN, action = "Changing alert channels")
    public void saveChannel(String previousName, ChannelDraft draft) {
        AlertChannel before = previousName == null ? null : store.channel(previousName)
                .orElseThrow(() -> new AlertException("There is no channel named " + previousName + "."));
        boolean secretKept = before != null && before.secretSet() && before.kind() == draft.kind();
        refuseIf(draft.problems(secretKept));
        String secret = draft.secret() == null || draft.secret().isBlank() ? null : draft.secret().strip();
        try {
            store.save(draft, previousName, secret);
        } catch (DuplicateKeyException e) {
            throw new AlertException("There is already a channel named " + draft.name() + ": choose another name.");
        }
    }

    @Requires(value = Role.ADMIN, action = "Deleting alert channels")
    public void deleteChannel(String name) {
        List<String> telling = store.rulesTelling(name);
        if (!telling.isEmpty()) {
            throw new AlertException("Rules " + String.join(", ", telling) + " tell channel " + name
                    + ": take it out of them first.");
        }
        if (!store.deleteChannel(name)) {
            throw new AlertException("There is no channel named " + name + ".");
        }
    }

    /**
     * Sends a test message through the channel now.
     *
     * @throws AlertException saying what went wrong and what to check when it could not be sent
     */
    @Requires(value = Role.ADMIN, action = "Sending test alert messages")
    public void sendTest(String channel) {
        AlertChannel c = store.channel(channel).orElseThrow(() -> new AlertException("There is no channel named " + channel + "."));
        delivery.send(c, new AlertMessage(AlertMessage.Kind.TEST, "Test", Severity.INFO, "channel " + channel,
                "A test message", "", evaluator.link("/alerts"), null, Instant.now()));
    }

    /** Keeps a rule's channels quiet ({@code rule} null: every rule's) for {@code duration}; firings are still kept. */
    @Requires(value = Role.ADMIN, action = "Silencing alerts")
    public void silence(String rule, Duration duration, String reason) {
        Long id = null;
        if (rule != null) {
            id = store.rule(rule).orElseThrow(() -> new AlertException("There is no rule named " + rule + ".")).id();
        }
        if (duration == null || duration.compareTo(Duration.ofMinutes(1)) < 0 || duration.compareTo(LONGEST_SILENCE) > 0) {
            throw new AlertException("Silence for 1 minute to 30 days.");
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new AlertException("Say why in a few words (up to 500 characters), so others know why it is quiet.");
        }
        store.silence(id, Instant.now().plus(duration), reason.strip(), CurrentUser.nameOrSystem());
    }

    @Requires(value = Role.ADMIN, action = "Ending silences")
    public void endSilence(long id) {
        if (!store.endSilence(id, Instant.now())) {
            throw new AlertException("That silence has ended already.");
        }
    }

    private static void refuseIf(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new AlertException(String.join(". ", problems) + ".");
        }
    }
}
