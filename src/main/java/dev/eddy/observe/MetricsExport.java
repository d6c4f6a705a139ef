package dev.eddy.observe;

import dev.eddy.integration.IntegrationException;
import dev.eddy.integration.IntegrationService;
import dev.eddy.job.JobGauges;
import dev.eddy.security.CurrentUser;
import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import dev.eddy.store.Leadership;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Sends Eddy's metrics (every job's and the cluster's series, as its own history keeps them) to
 * PostgreSQL integrations an admin chose: appended to a table there every 15 s, in batches, in a
 * transaction each. While the database is away, rows wait in a bounded buffer; when it is full, the
 * oldest are dropped and counted. Only the Eddy that leads sends, so a row is sent once.
 */
@Service
public class MetricsExport implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricsExport.class);
    private static final String NAME = "([A-Za-z_][A-Za-z0-9_]{0,62})";
    private static final int BATCH = 5_000;
    private final JdbcTemplate jdbc;
    private final IntegrationService integrations;
    private final Leadership leadership;
    private final int bufferRows;
    private final Map<String, Destination> destinations = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(dev.eddy.config.DaemonThreads.named("eddy-metrics-export"));

    /** A row of the exported table. */
    record Row(Instant at, String source, String job, Long jobId, String metric, double value) {}

    /** One integration metrics go to, and how sending goes: rows sent, waiting, dropped, the last problem in words. */
    public record Export(String integration, String table, Instant lastSentAt, long sent, int waiting, long dropped,
            String problem) {}

    MetricsExport(JdbcTemplate jdbc, IntegrationService integrations, Leadership leadership, JobGauges gauges,
            ClusterHistory cluster, @Value("${eddy.observe.export-buffer-rows:100000}") int bufferRows) {
        this.jdbc = jdbc;
        this.integrations = integrations;
        this.leadership = leadership;
        this.bufferRows = bufferRows;
        gauges.onRead(this::jobs);
        cluster.onRead(this::cluster);
        ticker.schedule(this::reloadQuietly, 0, TimeUnit.SECONDS);
        ticker.scheduleWithFixedDelay(this::sendQuietly, 15, 15, TimeUnit.SECONDS);
    }

    /** Every PostgreSQL integration metrics are sent to, with how it goes. */
    @Requires(Role.VIEWER)
    public List<Export> exports() {
        List<Export> all = new ArrayList<>();
        for (var e : jdbc.queryForList("SELECT integration, table_name FROM metrics_export ORDER BY integration")) {
            Destination d = destinations.get((String) e.get("integration"));
            all.add(d == null ? new Export((String) e.get("integration"), (String) e.get("table_name"), null, 0, 0, 0, null)
                    : d.status());
        }
        return all;
    }

    /** The export to this integration, if metrics are sent there. */
    @Requires(Role.VIEWER)
    public Optional<Export> export(String integration) {
        return exports().stream().filter(e -> e.integration().equals(integration)).findFirst();
    }

    /**
     * Sends metrics to the PostgreSQL integration from now on, into {@code table} (schema-qualified or
     * not), which Eddy creates with its write user if it is not there.
     *
     * @throws IntegrationException in words when the name is wrong or the table cannot be made there
     */
    @Requires(value = Role.ADMIN, action = "Sending metrics to a PostgreSQL integration")
    public Export enable(String integration, String table) {
        String t = table == null ? "" : table.strip();
        if (!t.matches(NAME + "(\\." + NAME + ")?")) {
            throw new IntegrationException("A table name is letters, digits and _ (up to 63, not starting with a digit), "
                    + "with its schema before a dot if you like: eddy_metrics, monitoring.eddy_metrics");
        }
        try (Connection c = integrations.postgresWriter(integration)) {
            create(c, t);
        } catch (SQLException e) {
            throw new IntegrationException("Eddy could not make table " + t + " in " + integration + ": " + words(e)
                    + ". Give its write user the right to create tables there, or make the table yourself (docs/observability.md)");
        }
        jdbc.update("INSERT INTO metrics_export (integration, table_name, created_by) VALUES (?, ?, ?) "
                + "ON CONFLICT (integration) DO UPDATE SET table_name = EXCLUDED.table_name", integration, t,
                CurrentUser.nameOrSystem());
        reload();
        return export(integration).orElseThrow();
    }

    @Requires(value = Role.ADMIN, action = "No longer sending metrics to a PostgreSQL integration")
    public void disable(String integration) {
        jdbc.update("DELETE FROM metrics_export WHERE integration = ?", integration);
        reload();
    }

    /** Sends what waits now, to every integration; for the ticker and for tests. */
    public void send() {
        if (!leadership.lead()) {
            return;
        }
        for (Destination d : destinations.values()) {
            d.send();
        }
    }

    private void jobs(List<JobGauges.JobReading> readings) {
        if (destinations.isEmpty() || !leadership.leads()) {
            return;
        }
        List<Row> rows = new ArrayList<>();
        for (JobGauges.JobReading r : readings) {
            if (!r.running()) {
                continue;
            }
            MetricHistory.METRICS.forEach((metric, read) -> {
                Double value = read.apply(r.metrics());
                if (value != null && Double.isFinite(value)) {
                    rows.add(new Row(r.at(), "job", r.name(), r.jobId(), metric, value));
                }
            });
        }
        destinations.values().forEach(d -> d.add(rows));
    }

    private void cluster(Instant at, Map<String, Double> values) {
        if (destinations.isEmpty() || !leadership.leads()) {
            return;
        }
        List<Row> rows = new ArrayList<>();
        values.forEach((metric, value) -> {
            if (value != null && Double.isFinite(value)) {
                rows.add(new Row(at, "cluster", null, null, metric, value));
            }
        });
        destinations.values().forEach(d -> d.add(rows));
    }

    private void reload() {
        Map<String, String> wanted = new java.util.HashMap<>();
        jdbc.query("SELECT integration, table_name FROM metrics_export", rs -> {
            wanted.put(rs.getString(1), rs.getString(2));
        });
        destinations.keySet().removeIf(k -> !wanted.containsKey(k) || !wanted.get(k).equals(destinations.get(k).table));
        wanted.forEach((integration, table) -> destinations.computeIfAbsent(integration, k -> new Destination(k, table)));
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            log.debug("Metrics exports not read from the store: {}", e.getMessage());
        }
    }

    private void sendQuietly() {
        try {
            reload();
            send();
        } catch (RuntimeException e) {
            log.debug("Metrics not sent this time: {}", e.getMessage());
        }
    }

    /** Makes the table unless it is there (made by a DBA, say, when the write user may not create tables). */
    private static void create(Connection c, String table) throws SQLException {
        try (PreparedStatement exists = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            exists.setString(1, table);
            try (var rs = exists.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) {
                    return;
                }
            }
        }
        String simple = table.substring(table.lastIndexOf('.') + 1);
        // An index lives in its table's schema: its name is never qualified.
        String index = (simple.length() > 50 ? simple.substring(0, 50) : simple) + "_metric_at";
        try (var s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (at TIMESTAMPTZ NOT NULL, source TEXT NOT NULL, "
                    + "job TEXT, job_id BIGINT, metric TEXT NOT NULL, value DOUBLE PRECISION NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS " + index + " ON " + table + " (metric, at)");
        }
    }

    private static String words(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        return m.lines().findFirst().orElse(m);
    }

    /** One integration's waiting rows and how sending to it goes. */
    private final class Destination {
        private final String integration;
        private final String table;
        private final WaitingBuffer<Row> waiting = new WaitingBuffer<>(bufferRows);
        private final Object sending = new Object();
        private long sent;
        private Instant lastSentAt;
        private String problem;

        Destination(String integration, String table) {
            this.integration = integration;
            this.table = table;
        }

        void add(List<Row> rows) {
            waiting.addAll(rows);
        }

        synchronized Export status() {
            return new Export(integration, table, lastSentAt, sent, waiting.size(), waiting.dropped(), problem);
        }

        void send() {
            // One sender at a time (the ticker's, a test's): two would both send the oldest batch.
            synchronized (sending) {
                sendWaiting();
            }
        }

        private void sendWaiting() {
            while (true) {
                List<Row> batch = waiting.oldest(BATCH);
                if (batch.isEmpty()) {
                    return;
                }
                try (Connection c = integrations.postgresWriter(integration)) {
                    write(c, batch);
                } catch (SQLException | IntegrationException e) {
                    String why = e instanceof SQLException sql ? words(sql) : e.getMessage();
                    synchronized (this) {
                        if (problem == null || !problem.equals(why)) {
                            log.warn("Metrics not sent to {} ({} rows wait): {}", integration, waiting.size(), why);
                        }
                        problem = why;
                    }
                    return;
                }
                waiting.sent(batch);
                synchronized (this) {
                    sent += batch.size();
                    lastSentAt = Instant.now();
                    if (problem != null) {
                        log.info("Metrics sent to {} again", integration);
                    }
                    problem = null;
                }
            }
        }

        private void write(Connection c, List<Row> batch) throws SQLException {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                    + " (at, source, job, job_id, metric, value) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Row r : batch) {
                    insert.setTimestamp(1, Timestamp.from(r.at()));
                    insert.setString(2, r.source());
                    insert.setString(3, r.job());
                    insert.setObject(4, r.jobId());
                    insert.setString(5, r.metric());
                    insert.setDouble(6, r.value());
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if ("42P01".equals(e.getSQLState())) {
                    // Someone dropped the table: made again, the rows go at the next send.
                    c.setAutoCommit(true);
                    create(c, table);
                }
                throw e;
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
