package dev.eddy.observe;

import dev.eddy.cluster.ClusterException;
import dev.eddy.cluster.ClusterOverview;
import dev.eddy.cluster.ClusterSnapshot;
import dev.eddy.cluster.JobManagerClient;
import dev.eddy.cluster.JobManagerStatus;
import dev.eddy.cluster.TaskManagerStatus;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The cluster's figures over time: the JobManager's and the fullest TaskManager's heap, their CPU,
 * task slots and TaskManagers, read every 15 s from Flink's REST API and kept like each job's
 * history. The latest reading (each process's heap and CPU) is also what heap and CPU alerts watch.
 */
@Service
public class ClusterHistory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterHistory.class);
    /** The series kept, by the name the API and the charts use. */
    static final List<String> METRICS = List.of("jobmanager_heap_percent", "jobmanager_cpu_percent",
            "taskmanager_heap_percent_max", "taskmanager_cpu_percent_max", "taskmanagers_heap_used_bytes", "slots_total",
            "slots_free", "taskmanagers");
    private final JdbcTemplate jdbc;
    private final JobManagerClient flink;
    private final ClusterSnapshot cluster;
    private final Samples samples;
    private final Duration rawRetention;
    private final Duration minuteRetention;
    private volatile Reading latest;
    private final List<java.util.function.BiConsumer<Instant, Map<String, Double>>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(dev.eddy.config.DaemonThreads.named("eddy-cluster-history"));

    /** One process of the cluster as last read: heap and CPU in percent, null when unknown. */
    public record ProcessFigures(String process, Double heapPercent, Double cpuPercent) {}

    /** A reading of the whole cluster: each process, and when. */
    public record Reading(Instant at, List<ProcessFigures> processes) {}

    ClusterHistory(JdbcTemplate jdbc, JobManagerClient flink, ClusterSnapshot cluster,
            @Value("${eddy.observe.job-gauges-interval:15s}") Duration every,
            @Value("${eddy.observe.raw-retention:1d}") Duration rawRetention,
            @Value("${eddy.observe.minute-retention:14d}") Duration minuteRetention) {
        this.jdbc = jdbc;
        this.flink = flink;
        this.cluster = cluster;
        this.samples = new Samples(jdbc, "cluster_sample", null);
        this.rawRetention = rawRetention;
        this.minuteRetention = minuteRetention;
        ticker.scheduleWithFixedDelay(this::readQuietly, 2, Math.max(1, every.toSeconds()), TimeUnit.SECONDS);
        ticker.scheduleWithFixedDelay(this::retainQuietly, 1, 1, TimeUnit.MINUTES);
    }

    /** Called with every reading's series (name → value, null when unknown), as kept. */
    void onRead(java.util.function.BiConsumer<Instant, Map<String, Double>> listener) {
        listeners.add(listener);
    }

    /** The latest reading; null before the first, or when Flink has not answered since Eddy started. */
    public Reading latest() {
        return latest;
    }

    /** Reads the cluster's figures now and keeps them. */
    public void read() {
        Instant now = Instant.now();
        Map<String, Double> values = new LinkedHashMap<>();
        List<ProcessFigures> processes = new ArrayList<>();
        JobManagerStatus jm = flink.jobManagerStatus();
        Double jmHeap = percent(jm.heapUsed(), jm.heapMax());
        Double jmCpu = jm.cpuLoad() < 0 ? null : jm.cpuLoad() * 100;
        processes.add(new ProcessFigures("jobmanager", jmHeap, jmCpu));
        values.put("jobmanager_heap_percent", jmHeap);
        values.put("jobmanager_cpu_percent", jmCpu);
        Double heapMax = null;
        Double cpuMax = null;
        long heapUsed = 0;
        List<TaskManagerStatus> taskManagers = flink.taskManagers();
        for (TaskManagerStatus tm : taskManagers) {
            Double heap = percent(tm.heapUsed(), tm.heapMax());
            Double cpu = tm.cpuLoad() < 0 ? null : tm.cpuLoad() * 100;
            processes.add(new ProcessFigures("taskmanager " + tm.id(), heap, cpu));
            heapMax = heap == null ? heapMax : heapMax == null ? heap : Math.max(heapMax, heap);
            cpuMax = cpu == null ? cpuMax : cpuMax == null ? cpu : Math.max(cpuMax, cpu);
            heapUsed += Math.max(0, tm.heapUsed());
        }
        values.put("taskmanager_heap_percent_max", heapMax);
        values.put("taskmanager_cpu_percent_max", cpuMax);
        values.put("taskmanagers_heap_used_bytes", taskManagers.isEmpty() ? null : (double) heapUsed);
        values.put("taskmanagers", (double) taskManagers.size());
        ClusterOverview overview = cluster.latest().overview();
        if (overview != null) {
            values.put("slots_total", (double) overview.slotsTotal());
            values.put("slots_free", (double) overview.slotsAvailable());
        }
        latest = new Reading(now, List.copyOf(processes));
        Timestamp at = Timestamp.from(now);
        List<Object[]> rows = new ArrayList<>();
        values.forEach((metric, value) -> {
            if (value != null && Double.isFinite(value)) {
                rows.add(new Object[] {metric, Samples.RAW, at, value});
            }
        });
        jdbc.batchUpdate("INSERT INTO cluster_sample (metric, step, at, value) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", rows);
        for (var listener : listeners) {
            listener.accept(now, java.util.Collections.unmodifiableMap(values));
        }
    }

    private static Double percent(long used, long max) {
        return used < 0 || max <= 0 ? null : 100.0 * used / max;
    }

    /**
     * The cluster's {@code metric} over the last {@code range} (1 minute to 14 days), oldest first:
     * every reading up to 6 hours, one-minute averages beyond. Refused in words for an unknown metric or range.
     */
    @Requires(Role.VIEWER)
    public List<MetricHistory.Point> history(String metric, Duration range) {
        if (!METRICS.contains(metric)) {
            throw new IllegalArgumentException("There is no history of '" + metric + "': ask for one of "
                    + String.join(", ", METRICS) + ".");
        }
        return samples.read(null, metric, range);
    }

    public void retain() {
        samples.retain(rawRetention, minuteRetention);
    }

    private void readQuietly() {
        try {
            read();
        } catch (ClusterException e) {
            // Flink does not answer (restarting, down): the chart has a gap, the health endpoint says why.
            latest = null;
            log.debug("Cluster figures not read: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.debug("Cluster figures not kept: {}", e.getMessage());
        }
    }

    private void retainQuietly() {
        try {
            retain();
        } catch (RuntimeException e) {
            log.debug("Cluster history not trimmed this minute: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
