package dev.eddy.observe.alert;

import dev.eddy.integration.IntegrationService;
import dev.eddy.job.Job;
import dev.eddy.job.JobGauges;
import dev.eddy.store.Leadership;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Evaluates every enabled rule after each reading of the jobs' figures (every 15 s), keeps firings
 * in the store and tells the rules' channels. Of several Eddys on one store only the leader
 * evaluates, so a firing is told once.
 */
@Component
class AlertEvaluator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);
    private final AlertStore store;
    private final AlertDelivery delivery;
    private final IntegrationService integrations;
    private final dev.eddy.observe.ClusterHistory cluster;
    private final Leadership leadership;
    private final Duration remindEvery;
    private final String publicUrl;
    private final org.springframework.core.env.Environment environment;
    private final Evaluation evaluation = new Evaluation();
    private final Map<Long, CounterWindow> restarts = new ConcurrentHashMap<>();
    private final Map<Long, CounterWindow> failedCheckpoints = new ConcurrentHashMap<>();
    /** Firing alerts by severity as last evaluated, for {@code eddy_alerts_firing}. */
    private final Map<Severity, java.util.concurrent.atomic.AtomicInteger> firing = new java.util.EnumMap<>(Severity.class);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(dev.eddy.config.DaemonThreads.named("eddy-alerts"));

    AlertEvaluator(AlertStore store, AlertDelivery delivery, IntegrationService integrations,
            dev.eddy.observe.ClusterHistory cluster, Leadership leadership,
            JobGauges gauges, @Value("${eddy.alerts.reminder-interval:4h}") Duration remindEvery,
            @Value("${eddy.public-url:}") String publicUrl, org.springframework.core.env.Environment environment,
            io.micrometer.core.instrument.MeterRegistry registry) {
        for (Severity s : Severity.values()) {
            var count = new java.util.concurrent.atomic.AtomicInteger();
            firing.put(s, count);
            io.micrometer.core.instrument.Gauge.builder("eddy.alerts.firing", count, java.util.concurrent.atomic.AtomicInteger::get)
                    .tag("severity", s.label()).description("alerts firing now (on the Eddy that evaluates them)")
                    .register(registry);
        }
        this.store = store;
        this.delivery = delivery;
        this.integrations = integrations;
        this.cluster = cluster;
        this.leadership = leadership;
        this.remindEvery = remindEvery;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
        this.environment = environment;
        gauges.onRead(readings -> worker.execute(() -> evaluateQuietly(readings)));
    }

    /** Eddy's address as the reader of a message reaches it: {@code eddy.public-url}, else this machine's port. */
    String link(String path) {
        if (!publicUrl.isEmpty()) {
            return publicUrl + path;
        }
        // Read late: with a random port, the port is known only once the server listens.
        return "http://localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"))
                + path;
    }

    private void evaluateQuietly(List<JobGauges.JobReading> readings) {
        try {
            remember(readings);
            if (leadership.lead()) {
                evaluate(readings, Instant.now());
                Map<Severity, Long> open = store.open().stream()
                        .collect(Collectors.groupingBy(AlertEvent::severity, Collectors.counting()));
                firing.forEach((s, count) -> count.set(open.getOrDefault(s, 0L).intValue()));
            }
        } catch (RuntimeException e) {
            // The store is away: firings are looked at again at the next reading.
            log.warn("Alert rules not evaluated this time: {}", e.getMessage());
        }
    }

    /** Keeps each job's restart and failed-checkpoint counts for the windows rules count over. */
    private void remember(List<JobGauges.JobReading> readings) {
        Instant now = Instant.now();
        for (JobGauges.JobReading r : readings) {
            if (r.job().flinkJobId() != null && r.job().isActive()) {
                restarts.computeIfAbsent(r.jobId(), k -> new CounterWindow()).add(r.at(), r.job().flinkJobId(), r.metrics().restarts());
                failedCheckpoints.computeIfAbsent(r.jobId(), k -> new CounterWindow())
                        .add(r.at(), r.job().flinkJobId(), r.metrics().failedCheckpoints());
            }
        }
        var ids = readings.stream().map(JobGauges.JobReading::jobId).collect(Collectors.toSet());
        restarts.keySet().retainAll(ids);
        failedCheckpoints.keySet().retainAll(ids);
        restarts.values().forEach(w -> w.trim(now, AlertRule.LONGEST));
        failedCheckpoints.values().forEach(w -> w.trim(now, AlertRule.LONGEST));
    }

    void evaluate(List<JobGauges.JobReading> readings, Instant now) {
        List<AlertRule> rules = store.rules().stream().filter(AlertRule::enabled).toList();
        Map<Long, Map<String, AlertEvent>> open = new java.util.HashMap<>();
        for (AlertEvent e : store.open()) {
            if (e.rule() == null || rules.stream().noneMatch(r -> r.id().equals(e.rule()))) {
                store.resolve(e.id(), now, "Not watched any more: the rule was turned off or deleted.");
                continue;
            }
            open.computeIfAbsent(e.rule(), k -> new java.util.HashMap<>()).put(e.subject(), e);
        }
        List<Silence> silences = store.silences(now);
        Map<String, Optional<String>> reach = rules.stream().anyMatch(r -> r.condition() == AlertCondition.INTEGRATION_UNREACHABLE)
                ? integrations.reachability() : Map.of();
        var processes = cluster.latest();
        boolean processesKnown = processes != null && processes.at().isAfter(now.minusSeconds(60));
        for (AlertRule rule : rules) {
            boolean silenced = silences.stream().anyMatch(s -> s.covers(rule.id(), now));
            if (rule.condition().watches() == AlertCondition.Watches.PROCESS && !processesKnown) {
                continue; // Flink does not answer now: what fires stays, and the health endpoint says why.
            }
            List<Observation> seen = switch (rule.condition().watches()) {
                case JOB -> observeJobs(rule, readings, now);
                case INTEGRATION -> observeIntegrations(rule, reach);
                case PROCESS -> observeProcesses(rule, processes);
            };
            for (Evaluation.Step step : evaluation.evaluate(rule, seen, open.getOrDefault(rule.id(), Map.of()), silenced, now,
                    remindEvery)) {
                act(rule, step, now);
            }
        }
    }

    private void act(AlertRule rule, Evaluation.Step step, Instant now) {
        if (step instanceof Evaluation.Fire fire) {
            AlertEvent event = store.fire(rule, fire.seen(), now);
            log.info("Alert '{}' fires for {}: {}", rule.name(), fire.seen().label(), fire.seen().summary());
            if (fire.tell()) {
                tell(rule, event, fire.seen(), AlertMessage.Kind.FIRING, now);
            }
        } else if (step instanceof Evaluation.Keep keep) {
            store.update(keep.event().id(), keep.seen());
            if (keep.tell() != null) {
                tell(rule, keep.event(), keep.seen(), keep.tell(), now);
            }
        } else if (step instanceof Evaluation.Resolve resolve) {
            String summary = resolve.seen() == null ? "No longer watched: " + resolve.event().subjectLabel()
                    + " was stopped or deleted, or the rule changed." : resolve.seen().summary();
            store.resolve(resolve.event().id(), now, summary);
            log.info("Alert '{}' resolved for {}", rule.name(), resolve.event().subjectLabel());
            if (resolve.tell()) {
                Observation seen = resolve.seen() != null ? resolve.seen() : new Observation(resolve.event().subject(),
                        resolve.event().subjectLabel(), false, null, summary, link("/alerts"));
                tell(rule, resolve.event(), seen, AlertMessage.Kind.RESOLVED, now);
            }
        }
    }

    private void tell(AlertRule rule, AlertEvent event, Observation seen, AlertMessage.Kind kind, Instant now) {
        AlertMessage message = new AlertMessage(kind, rule.name(), rule.severity(), seen.label(), seen.summary(), rule.when(),
                seen.link(), event.firedAt(), now);
        List<String> failed = delivery.sendToAll(rule.channels(), message);
        if (kind != AlertMessage.Kind.RESOLVED) {
            store.notified(event.id(), now, failed.isEmpty() ? null : String.join(" ", failed));
        }
    }

    private List<Observation> observeJobs(AlertRule rule, List<JobGauges.JobReading> readings, Instant now) {
        List<Observation> seen = new ArrayList<>();
        for (JobGauges.JobReading r : readings) {
            Job job = r.job();
            if (rule.target() != null && !rule.target().equals(job.name())) {
                continue;
            }
            String subject = "job:" + job.id();
            String label = "job " + job.name();
            String link = link("/job/" + job.id());
            switch (rule.condition()) {
                case JOB_NOT_RUNNING -> {
                    if (job.shouldRun()) {
                        boolean down = !"RUNNING".equals(job.state());
                        seen.add(new Observation(subject, label, down, null, down ? notRunning(job) : label + " runs", link));
                    }
                }
                case RESTARTS, CHECKPOINT_FAILURES -> {
                    CounterWindow counts = (rule.condition() == AlertCondition.RESTARTS ? restarts : failedCheckpoints)
                            .get(job.id());
                    if (counts != null && !counts.isEmpty()) {
                        long grown = counts.increase(now, rule.window());
                        seen.add(new Observation(subject, label, grown > rule.threshold(), (double) grown, grown + " "
                                + rule.condition().unit() + " in the last " + AlertText.duration(rule.window()), link));
                    }
                }
                case SOURCE_LAG -> {
                    if (r.metrics().sourceLag() == null && job.isActive()) {
                        // Starting, restarting, or before its sources' first fetch: no figure, nothing changes.
                        seen.add(Observation.unknown(subject, label, link));
                    } else if (r.metrics().sourceLag() != null) {
                        long lag = r.metrics().sourceLag();
                        seen.add(new Observation(subject, label, lag > rule.threshold(), (double) lag,
                                AlertText.number(lag) + " records behind its sources" + (job.isActive() ? ""
                                        : " (stopped; counted from the state it restarts from)"), link));
                    }
                }
                case BACK_PRESSURE -> {
                    Double waiting = r.metrics().backPressuredPercent();
                    if (waiting == null && job.isActive()) {
                        seen.add(Observation.unknown(subject, label, link));
                    } else if (waiting != null) {
                        seen.add(new Observation(subject, label, waiting > rule.threshold(), waiting, "its most "
                                + "back-pressured task waits " + AlertText.number(Math.round(waiting)) + " % of each second",
                                link));
                    }
                }
                default -> throw new IllegalStateException(rule.condition() + " does not watch jobs");
            }
        }
        return seen;
    }

    private static String notRunning(Job job) {
        String state = job.state() == null ? "not started" : job.state().toLowerCase(java.util.Locale.ROOT);
        String why = job.failure() == null ? "" : ": " + job.failure().strip().lines().findFirst().orElse("");
        return "job " + job.name() + " should run but is " + state + (why.length() > 300 ? why.substring(0, 300) + "…" : why);
    }

    private List<Observation> observeIntegrations(AlertRule rule, Map<String, Optional<String>> reach) {
        List<Observation> seen = new ArrayList<>();
        reach.forEach((name, why) -> {
            if (rule.target() == null || rule.target().equals(name)) {
                seen.add(new Observation("integration:" + name, "integration " + name, why.isPresent(), null,
                        why.map(w -> name + ": " + w).orElse(name + " answers"), link("/integrations")));
            }
        });
        return seen;
    }

    private List<Observation> observeProcesses(AlertRule rule, dev.eddy.observe.ClusterHistory.Reading reading) {
        List<Observation> seen = new ArrayList<>();
        for (var p : reading.processes()) {
            Double value = rule.condition() == AlertCondition.HEAP ? p.heapPercent() : p.cpuPercent();
            String label = p.process().equals("jobmanager") ? "the JobManager" : p.process().replace("taskmanager", "TaskManager");
            if (value == null) {
                seen.add(Observation.unknown("process:" + p.process(), label, link("/cluster")));
                continue;
            }
            String what = rule.condition() == AlertCondition.HEAP ? " % of its heap" : " % CPU";
            seen.add(new Observation("process:" + p.process(), label, value > rule.threshold(), value,
                    label + " uses " + AlertText.number(Math.round(value)) + what, link("/cluster")));
        }
        return seen;
    }

    /** Forgets what a changed or deleted rule had pending. */
    void forget(long rule) {
        evaluation.forget(rule);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
