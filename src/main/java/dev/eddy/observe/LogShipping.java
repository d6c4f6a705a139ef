package dev.eddy.observe;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.eddy.cluster.ClusterLogs;
import dev.eddy.integration.Integration;
import dev.eddy.integration.IntegrationException;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.OpenSearchClient;
import dev.eddy.integration.OpenSearchSettings;
import dev.eddy.job.JobGauges;
import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import dev.eddy.store.Leadership;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Ships logs to every OpenSearch integration: each line Eddy logs (its own, and the embedded
 * cluster's, which runs inside it) as it is logged, and, on the Eddy that leads, the new lines of
 * the Flink processes' log files, read through the JobManager's REST API. Records wait in a bounded
 * buffer per integration and go in {@code _bulk} batches every couple of seconds; while OpenSearch is
 * away Eddy tries again, less and less often, and when the buffer is full the oldest are dropped and
 * counted. A record OpenSearch refuses (a field mapped otherwise) is counted and not sent again.
 */
@Service
public class LogShipping implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LogShipping.class);
    private static final int BATCH = 1_000;
    private static final int BATCH_BYTES = 5 << 20;
    /** Read at most this much of one process's log per look: a flood is caught up over the next looks. */
    private static final int READ_BYTES = 4 << 20;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private final IntegrationService integrations;
    private final ClusterLogs cluster;
    private final Leadership leadership;
    private final MeterRegistry registry;
    private final int bufferRecords;
    private final String host = hostName();
    private final Map<String, Destination> destinations = new ConcurrentHashMap<>();
    /** Eddy's job names by their Flink job's id, as the gauges last read them. */
    private final Map<String, String> jobNames = new ConcurrentHashMap<>();
    /** How far each process's current log file was read, by process and file. */
    private final Map<String, Long> offsets = new HashMap<>();
    private boolean looked;
    private volatile Instant shippingSince;
    private Instant reloaded = Instant.EPOCH;
    private Instant followed = Instant.EPOCH;
    private final JobLogTap tap;
    private final java.util.function.Consumer<ILoggingEvent> follower = this::logged;
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(dev.eddy.config.DaemonThreads.named("eddy-log-shipping"));

    /** How shipping to one integration goes: records sent, refused, waiting and dropped, and the last problem in words. */
    public record Shipping(String integration, String index, String level, long shipped, long refused, int waiting,
            long dropped, Instant lastShippedAt, String problem) {}

    LogShipping(IntegrationService integrations, ClusterLogs cluster, Leadership leadership, JobLogTap tap,
            JobGauges gauges, MeterRegistry registry,
            @Value("${eddy.observe.log-buffer-records:50000}") int bufferRecords,
            @Value("${eddy.observe.log-ship-interval:2s}") Duration interval) {
        this.integrations = integrations;
        this.cluster = cluster;
        this.leadership = leadership;
        this.registry = registry;
        this.bufferRecords = bufferRecords;
        this.tap = tap;
        tap.follow(follower);
        gauges.onRead(readings -> readings.forEach(r -> {
            if (r.job().flinkJobId() != null) {
                jobNames.put(r.job().flinkJobId(), r.name());
            }
        }));
        ticker.schedule(this::reloadQuietly, 0, TimeUnit.SECONDS);
        ticker.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How shipping to the OpenSearch integration goes; empty for another kind or before the first look at it. */
    @Requires(Role.VIEWER)
    public Optional<Shipping> shipping(String integration) {
        Destination d = destinations.get(integration);
        return d == null ? Optional.empty() : Optional.of(d.status());
    }

    /**
     * Sends what waits; every 10 s also looks for OpenSearch integrations added, changed or removed and
     * reads the processes' new lines.
     */
    public void tick() {
        try {
            Instant now = Instant.now();
            if (now.isAfter(reloaded.plusSeconds(10))) {
                reload();
                reloaded = now;
            }
            if (now.isAfter(followed.plusSeconds(10))) {
                followProcesses();
                followed = now;
            }
            ship();
        } catch (RuntimeException e) {
            log.debug("Logs not shipped this time: {}", e.getMessage());
        }
    }

    /** Sends what waits now to every integration whose pause after a failure is over. */
    public void ship() {
        for (Destination d : destinations.values()) {
            d.ship();
        }
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            log.debug("OpenSearch integrations not read from the store: {}", e.getMessage());
        }
    }

    /** Looks at the OpenSearch integrations now: for the ticker, and for a test that just added one. */
    void reload() {
        Map<String, Integration> wanted = new HashMap<>();
        integrations.openSearchDestinations().forEach(i -> wanted.put(i.name(), i));
        destinations.values().removeIf(d -> {
            boolean gone = !wanted.containsKey(d.integration);
            if (gone) {
                d.meters.forEach(registry::remove);
            }
            return gone;
        });
        wanted.forEach((name, i) -> destinations.computeIfAbsent(name, Destination::new).configure(i));
        if (!destinations.isEmpty() && shippingSince == null) {
            // A little before: the integration was saved up to a tick ago.
            shippingSince = Instant.now().minusSeconds(10);
        }
    }

    private void logged(ILoggingEvent event) {
        // Its own lines stay out: a line about a refused record, itself refused, would be logged and shipped for ever.
        if (destinations.isEmpty() || LogShipping.class.getName().equals(event.getLoggerName())) {
            return;
        }
        String flinkJob = event.getMDCPropertyMap().get(JobLogTap.JOB_ID);
        String error = event.getThrowableProxy() == null ? null : JobLogTap.trace(event.getThrowableProxy()).substring(1);
        LogRecord record = new LogRecord(Instant.ofEpochMilli(event.getTimeStamp()), event.getLevel().toString(), "Eddy",
                host, event.getLoggerName(), event.getThreadName(), event.getFormattedMessage(), error, flinkJob,
                flinkJob == null ? null : jobNames.get(flinkJob));
        offer(List.of(record));
    }

    private void offer(List<LogRecord> records) {
        for (Destination d : destinations.values()) {
            for (LogRecord r : records) {
                if (r.atLeast(d.level)) {
                    d.waiting.add(r);
                }
            }
        }
    }

    /**
     * The lines the cluster's processes wrote since the last look, on the Eddy that leads (one of
     * several would ship them once each). The first look reads the lines written since shipping began
     * (older ones stay in the files); a file first seen later (a process started since) is read whole.
     */
    void followProcesses() {
        if (destinations.isEmpty() || !leadership.leads()) {
            return;
        }
        List<ClusterLogs.Source> files;
        try {
            files = cluster.currentFiles();
        } catch (RuntimeException e) {
            return; // Flink does not answer now: its lines are read at a later look.
        }
        for (ClusterLogs.Source file : files) {
            String key = file.process() + "/" + file.file();
            Long offset = offsets.get(key);
            Instant notBefore = null;
            if (offset == null) {
                // A file seen at the first look is read from where shipping began (its tail, older lines
                // dropped), so a process that started meanwhile is not skipped; a later one is read whole.
                offset = looked ? 0L : Math.max(0L, file.size() - READ_BYTES);
                notBefore = looked ? null : shippingSince;
                offsets.put(key, offset);
            }
            if (file.size() < offset) {
                offset = 0L; // rolled over: a new file under the same name
            }
            if (file.size() == offset) {
                continue;
            }
            try (InputStream in = cluster.read(file)) {
                in.skipNBytes(offset);
                byte[] read = in.readNBytes(READ_BYTES);
                int end = lastNewline(read);
                if (end < 0) {
                    continue; // half a line: the rest comes
                }
                String text = new String(read, 0, end, StandardCharsets.UTF_8);
                if (notBefore != null && offset > 0) {
                    int lineEnd = text.indexOf('\n');
                    text = lineEnd < 0 ? "" : text.substring(lineEnd + 1); // began inside a line
                }
                List<LogRecord> records = new ArrayList<>();
                for (LogRecord r : ProcessLogLines.parse(file.processName(), null, text.lines().toList(), Instant.now())) {
                    if (notBefore == null || !r.at().isBefore(notBefore)) {
                        records.add(r.flinkJobId() == null ? r : r.withJob(jobNames.get(r.flinkJobId())));
                    }
                }
                offer(records);
                offsets.put(key, offset + end + 1);
            } catch (IOException | RuntimeException e) {
                // That process is gone or restarting: the next look reads on from where this one stopped.
            }
        }
        looked = true;
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** One OpenSearch integration: its waiting records and how shipping to it goes. */
    private final class Destination {
        private final String integration;
        private final WaitingBuffer<LogRecord> waiting = new WaitingBuffer<>(bufferRecords);
        private final List<Meter> meters = new ArrayList<>();
        private final Object sending = new Object();
        private volatile String index = OpenSearchSettings.DEFAULT_INDEX;
        private volatile String level = "INFO";
        private long shipped;
        private long refused;
        private Instant lastShippedAt;
        private String problem;
        private int failures;
        private Instant pauseUntil = Instant.EPOCH;
        private Instant lastRefusalLogged = Instant.EPOCH;

        Destination(String integration) {
            this.integration = integration;
            meters.add(FunctionCounter.builder("eddy.logs.shipped", this, d -> d.counted(true))
                    .tag("integration", integration).description("log records OpenSearch took").register(registry));
            meters.add(FunctionCounter.builder("eddy.logs.dropped", this, d -> d.counted(false))
                    .tag("integration", integration).description("log records dropped: the buffer was full or OpenSearch refused them")
                    .register(registry));
            meters.add(Gauge.builder("eddy.logs.waiting", waiting, WaitingBuffer::size).tag("integration", integration)
                    .description("log records waiting to be shipped").register(registry));
        }

        void configure(Integration i) {
            String pattern = i.setting(OpenSearchSettings.INDEX);
            index = pattern.isBlank() ? OpenSearchSettings.DEFAULT_INDEX : pattern;
            String least = i.setting(OpenSearchSettings.LEVEL);
            level = least.isBlank() ? "INFO" : least;
        }

        private synchronized double counted(boolean taken) {
            return taken ? shipped : waiting.dropped() + refused;
        }

        synchronized Shipping status() {
            return new Shipping(integration, index, level, shipped, refused, waiting.size(), waiting.dropped(),
                    lastShippedAt, problem);
        }

        void ship() {
            // One sender at a time (the ticker's, a test's): two would both send the oldest batch.
            synchronized (sending) {
                shipWaiting();
            }
        }

        private void shipWaiting() {
            synchronized (this) {
                if (Instant.now().isBefore(pauseUntil)) {
                    return;
                }
            }
            while (true) {
                List<LogRecord> batch = waiting.oldest(BATCH);
                if (batch.isEmpty()) {
                    return;
                }
                StringBuilder body = new StringBuilder();
                int taken = 0;
                for (LogRecord r : batch) {
                    if (taken > 0 && body.length() > BATCH_BYTES) {
                        break;
                    }
                    body.append("{\"index\":{\"_index\":\"").append(OpenSearchSettings.index(index, r.at())).append("\"}}\n")
                            .append(r.json()).append('\n');
                    taken++;
                }
                List<LogRecord> sent = batch.subList(0, taken);
                OpenSearchClient.BulkOutcome outcome;
                try {
                    outcome = integrations.openSearch(integration).bulk(body.toString());
                } catch (IntegrationException e) {
                    failed(e.getMessage());
                    return;
                }
                waiting.sent(sent);
                synchronized (this) {
                    shipped += outcome.written();
                    refused += outcome.refused();
                    lastShippedAt = Instant.now();
                    failures = 0;
                    // Said once a minute at most: a bad mapping refuses every record.
                    String now = outcome.refused() == 0 ? null : "OpenSearch refused " + outcome.refused() + " of "
                            + taken + " records (not sent again): " + outcome.firstRefusal();
                    if (problem != null && now == null) {
                        log.info("Logs shipped to {} again", integration);
                    } else if (now != null && (problem == null || lastRefusalLogged.isBefore(Instant.now().minusSeconds(60)))) {
                        log.warn("Logs to {}: {}", integration, now);
                        lastRefusalLogged = Instant.now();
                    }
                    problem = now;
                }
            }
        }

        private void failed(String why) {
            boolean news;
            synchronized (this) {
                news = problem == null || !problem.equals(why);
                problem = why;
                failures++;
                long pause = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(failures, 6));
                pauseUntil = Instant.now().plusSeconds(pause);
            }
            if (news) {
                log.warn("Logs not shipped to {} ({} records wait, the oldest dropped past {}): {}", integration,
                        waiting.size(), bufferRecords, why);
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        tap.unfollow(follower);
        destinations.values().forEach(d -> d.meters.forEach(registry::remove));
        destinations.clear();
    }
}
