package dev.eddy.observe;

import dev.eddy.job.JobGauges;
import dev.eddy.job.JobMetrics;
import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Each job's figures over time, kept in Eddy's store: every reading of the job gauges (15 s) for a
 * day, one-minute averages for two weeks. A range of up to 6 hours is answered from the readings,
 * a longer one from the averages.
 */
@Service
public class MetricHistory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricHistory.class);
    static final int RAW = Samples.RAW;
    static final int MINUTE = Samples.MINUTE;
    /** What is kept, by the name the API and the charts use. */
    static final Map<String, Function<JobMetrics, Double>> METRICS = metrics();
    private final JdbcTemplate jdbc;
    private final Samples samples;
    private final Duration rawRetention;
    private final Duration minuteRetention;
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(dev.eddy.config.DaemonThreads.named("eddy-metric-history"));

    MetricHistory(JdbcTemplate jdbc, JobGauges gauges,
            @Value("${eddy.observe.raw-retention:1d}") Duration rawRetention,
            @Value("${eddy.observe.minute-retention:14d}") Duration minuteRetention) {
        this.jdbc = jdbc;
        this.samples = new Samples(jdbc, "metric_sample", "job");
        this.rawRetention = rawRetention;
        this.minuteRetention = minuteRetention;
        gauges.onRead(this::record);
        ticker.scheduleWithFixedDelay(this::retainQuietly, 1, 1, TimeUnit.MINUTES);
    }

    private static Map<String, Function<JobMetrics, Double>> metrics() {
        Map<String, Function<JobMetrics, Double>> m = new LinkedHashMap<>();
        m.put("records_in_per_second", JobMetrics::recordsInPerSecond);
        m.put("records_out_per_second", JobMetrics::recordsOutPerSecond);
        m.put("source_lag_records", j -> j.sourceLag() == null ? null : j.sourceLag().doubleValue());
        m.put("restarts", j -> (double) j.restarts());
        m.put("failed_checkpoints", j -> (double) j.failedCheckpoints());
        m.put("last_checkpoint_seconds", j -> j.lastCheckpointMillis() == null ? null : j.lastCheckpointMillis() / 1000.0);
        m.put("busy_percent", JobMetrics::busyPercent);
        m.put("back_pressured_percent", JobMetrics::backPressuredPercent);
        m.put("last_checkpoint_bytes", j -> j.lastCheckpointBytes() == null ? null : j.lastCheckpointBytes().doubleValue());
        return java.util.Collections.unmodifiableMap(m);
    }

    /** A value at a time. */
    public record Point(Instant at, double value) {}

    /** Keeps the figures of every job that runs, as read. */
    void record(List<JobGauges.JobReading> readings) {
        List<Object[]> rows = new ArrayList<>();
        for (JobGauges.JobReading r : readings) {
            if (!r.running()) {
                continue;
            }
            Timestamp at = Timestamp.from(r.at());
            METRICS.forEach((name, read) -> {
                Double value = read.apply(r.metrics());
                if (value != null && Double.isFinite(value)) {
                    rows.add(new Object[] {r.jobId(), name, RAW, at, value});
                }
            });
        }
        if (!rows.isEmpty()) {
            // A job deleted between the read and now has no row to refer to: its samples are simply not kept.
            jdbc.batchUpdate("INSERT INTO metric_sample (job, metric, step, at, value) SELECT ?, ?, ?, ?, ? "
                    + "WHERE EXISTS (SELECT 1 FROM job WHERE id = ?) ON CONFLICT DO NOTHING",
                    rows.stream().map(r -> new Object[] {r[0], r[1], r[2], r[3], r[4], r[0]}).toList());
        }
    }

    /**
     * The job's {@code metric} over the last {@code range} (1 minute to 14 days), oldest first: every
     * reading up to 6 hours, one-minute averages beyond. Refused in words for an unknown metric or range.
     */
    @Requires(Role.VIEWER)
    public List<Point> history(long job, String metric, Duration range) {
        if (!METRICS.containsKey(metric)) {
            throw new IllegalArgumentException("There is no history of '" + metric + "': ask for one of "
                    + String.join(", ", METRICS.keySet()) + ".");
        }
        return samples.read(job, metric, range);
    }

    /**
     * Averages each finished minute of the last ten into one-minute samples (again, should a reading
     * have come late), and drops readings and averages older than their retention.
     */
    public void retain() {
        samples.retain(rawRetention, minuteRetention);
    }

    private void retainQuietly() {
        try {
            retain();
        } catch (RuntimeException e) {
            log.debug("Metric history not trimmed this minute: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
