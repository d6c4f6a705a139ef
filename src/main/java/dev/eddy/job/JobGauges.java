package dev.eddy.job;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Every job's live figures as gauges for {@code /actuator/prometheus}, tagged with the job's name and
 * id: whether it runs, records in and out per second, restarts of its run, the age of its last
 * checkpoint, failed checkpoints, uptime and its sources' lag. Read on a fixed interval, not per scrape, so any number
 * of scrapers costs Flink's REST API the same.
 */
@Component
public class JobGauges implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobGauges.class);
    private final JobRepository store;
    private final JobMonitor monitor;
    private final StoppedJobLag stoppedLag;
    private final MultiGauge running;
    private final MultiGauge recordsIn;
    private final MultiGauge recordsOut;
    private final MultiGauge restarts;
    private final MultiGauge checkpointAge;
    private final MultiGauge failedCheckpoints;
    private final MultiGauge uptime;
    private final MultiGauge sourceLag;
    private final MultiGauge busy;
    private final MultiGauge backPressured;
    private final List<java.util.function.Consumer<List<JobReading>>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(dev.eddy.config.DaemonThreads.named("eddy-job-gauges"));

    JobGauges(JobRepository store, JobMonitor monitor, StoppedJobLag stoppedLag, MeterRegistry registry,
            @Value("${eddy.observe.job-gauges-interval:15s}") Duration every) {
        this.store = store;
        this.monitor = monitor;
        this.stoppedLag = stoppedLag;
        running = MultiGauge.builder("eddy.job.running").description("1 while the job runs in Flink, else 0").register(registry);
        recordsIn = MultiGauge.builder("eddy.job.records.in.per.second")
                .description("records its sources read per second").register(registry);
        recordsOut = MultiGauge.builder("eddy.job.records.out.per.second")
                .description("records its sinks write per second").register(registry);
        restarts = MultiGauge.builder("eddy.job.restarts").description("restarts of the job's current run").register(registry);
        checkpointAge = MultiGauge.builder("eddy.job.last.checkpoint.age").baseUnit("seconds")
                .description("time since the run's last completed checkpoint").register(registry);
        failedCheckpoints = MultiGauge.builder("eddy.job.failed.checkpoints")
                .description("failed checkpoints of the current run").register(registry);
        sourceLag = MultiGauge.builder("eddy.job.source.lag").baseUnit("records")
                .description("records its sources have yet to read (the Kafka consumer lag)").register(registry);
        busy = MultiGauge.builder("eddy.job.busy").baseUnit("percent")
                .description("share of each second its busiest subtask works").register(registry);
        backPressured = MultiGauge.builder("eddy.job.back.pressured").baseUnit("percent")
                .description("share of each second its most back-pressured subtask waits to hand its output on")
                .register(registry);
        uptime = MultiGauge.builder("eddy.job.uptime").baseUnit("seconds").description("how long the run has run")
                .register(registry);
        ticker.scheduleWithFixedDelay(this::refreshQuietly, 1, Math.max(1, every.toSeconds()), TimeUnit.SECONDS);
    }

    /** One job's figures as read at {@code at}; {@code metrics} is {@link JobMetrics#NONE} when it does not run. */
    public record JobReading(Job job, boolean running, JobMetrics metrics, Instant at) {
        public long jobId() {
            return job.id();
        }

        public String name() {
            return job.name();
        }
    }

    /** Called with every job's figures after each read (the metrics history keeps them). */
    public void onRead(java.util.function.Consumer<List<JobReading>> listener) {
        listeners.add(listener);
    }

    /** Reads every job's figures now and puts them in the gauges; a job deleted since is dropped. */
    public void refresh() {
        List<JobReading> readings = new ArrayList<>();
        List<MultiGauge.Row<?>> up = new ArrayList<>();
        List<MultiGauge.Row<?>> in = new ArrayList<>();
        List<MultiGauge.Row<?>> out = new ArrayList<>();
        List<MultiGauge.Row<?>> restarted = new ArrayList<>();
        List<MultiGauge.Row<?>> age = new ArrayList<>();
        List<MultiGauge.Row<?>> failed = new ArrayList<>();
        List<MultiGauge.Row<?>> ran = new ArrayList<>();
        List<MultiGauge.Row<?>> lag = new ArrayList<>();
        List<MultiGauge.Row<?>> working = new ArrayList<>();
        List<MultiGauge.Row<?>> waiting = new ArrayList<>();
        Instant now = Instant.now();
        for (Job job : store.all()) {
            Tags tags = Tags.of("job", job.name(), "id", String.valueOf(job.id()));
            boolean active = job.flinkJobId() != null && job.isActive();
            up.add(MultiGauge.Row.of(tags, active && "RUNNING".equals(job.state()) ? 1 : 0));
            if (!active) {
                // A stopped job still falls behind its topics: said from the state it will restart from.
                Long behind = job.flinkJobId() == null ? null : stoppedLag.of(job).orElse(null);
                if (behind != null) {
                    lag.add(MultiGauge.Row.of(tags, behind));
                }
                readings.add(new JobReading(job, false, behind == null ? JobMetrics.NONE
                        : JobMetrics.stoppedBehind(behind), now));
                continue;
            }
            JobMetrics m = monitor.figuresOf(job.flinkJobId());
            readings.add(new JobReading(job, "RUNNING".equals(job.state()), m, now));
            in.add(MultiGauge.Row.of(tags, m.recordsInPerSecond()));
            out.add(MultiGauge.Row.of(tags, m.recordsOutPerSecond()));
            restarted.add(MultiGauge.Row.of(tags, m.restarts()));
            failed.add(MultiGauge.Row.of(tags, m.failedCheckpoints()));
            ran.add(MultiGauge.Row.of(tags, m.uptime().toMillis() / 1000.0));
            if (m.sourceLag() != null) {
                lag.add(MultiGauge.Row.of(tags, m.sourceLag()));
            }
            if (m.busyPercent() != null) {
                working.add(MultiGauge.Row.of(tags, m.busyPercent()));
            }
            if (m.backPressuredPercent() != null) {
                waiting.add(MultiGauge.Row.of(tags, m.backPressuredPercent()));
            }
            if (m.lastCheckpoint() != null) {
                age.add(MultiGauge.Row.of(tags, Math.max(0, Duration.between(m.lastCheckpoint(), now).toMillis() / 1000.0)));
            }
        }
        running.register(up, true);
        recordsIn.register(in, true);
        recordsOut.register(out, true);
        restarts.register(restarted, true);
        checkpointAge.register(age, true);
        failedCheckpoints.register(failed, true);
        uptime.register(ran, true);
        sourceLag.register(lag, true);
        busy.register(working, true);
        backPressured.register(waiting, true);
        for (var listener : listeners) {
            listener.accept(readings);
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // The store or Flink is away: the gauges keep their last values until the next read.
            log.debug("Job gauges not refreshed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
