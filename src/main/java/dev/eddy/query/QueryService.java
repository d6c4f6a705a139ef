package dev.eddy.query;

import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.GatewaySession;
import dev.eddy.gateway.GatewaySessions;
import dev.eddy.gateway.OperationHandle;
import dev.eddy.gateway.ResultRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Runs console statements through the gateway in the background, streams their rows to a listener
 * up to the row cap, and records each run in the statement history.
 */
@Service
@EnableConfigurationProperties(QueryProperties.class)
public class QueryService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueryService.class);
    private final GatewaySessions sessions;
    private final StatementHistory history;
    private final QueryProperties properties;
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "eddy-query-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    public QueryService(GatewaySessions sessions, StatementHistory history, QueryProperties properties) {
        this.sessions = sessions;
        this.history = history;
        this.properties = properties;
    }

    /** A console: one gateway session, opened on first use, for one browser session. */
    public SqlConsole openConsole(String name) {
        return new SqlConsole(this, sessions, name);
    }

    /** What a new user's editor starts with: the stack's example, or a statement that works anywhere. */
    public String exampleScript() {
        return sessions.example().orElse("""
                -- Press Ctrl+Enter (Cmd+Enter on a Mac) to run. SHOW TABLES lists the tables of the current database.
                SHOW TABLES
                """);
    }

    public int maxRows() {
        return properties.maxRows();
    }

    RunningQuery start(SqlConsole console, String statement, QueryListener listener) {
        Run run = new Run(console, statement, listener);
        executor.execute(run);
        return run;
    }

    private final class Run implements RunningQuery, Runnable {
        private final SqlConsole console;
        private final String statement;
        private final QueryListener listener;
        private volatile boolean stopped;
        private volatile boolean done;

        Run(SqlConsole console, String statement, QueryListener listener) {
            this.console = console;
            this.statement = statement;
            this.listener = listener;
        }

        @Override
        public void stop() {
            stopped = true;
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public void run() {
            Instant startedAt = Instant.now();
            long t0 = System.nanoTime();
            long[] rows = {0};
            boolean[] capped = {false};
            boolean[] query = {false};
            @SuppressWarnings("unchecked")
            Optional<String>[] jobId = new Optional[] {Optional.empty()};
            int cap = properties.maxRows();
            GatewaySession session = null;
            OperationHandle op = null;
            try {
                session = console.session();
                try {
                    op = session.submit(statement);
                } catch (GatewayException e) {
                    if (e.kind() != GatewayException.Kind.SESSION_NOT_FOUND) {
                        throw e;
                    }
                    // The gateway restarted or expired the session: a fresh one, then try once more.
                    session = console.reopen();
                    op = session.submit(statement);
                }
                boolean[] columnsSent = {false};
                session.follow(op, page -> {
                    if (!columnsSent[0] && !page.columns().isEmpty()) {
                        columnsSent[0] = true;
                        query[0] = page.queryResult();
                        listener.columns(page.columns());
                    }
                    page.jobId().ifPresent(id -> jobId[0] = Optional.of(id));
                    List<ResultRow> batch = page.rows();
                    if (rows[0] + batch.size() > cap) {
                        batch = batch.subList(0, (int) (cap - rows[0]));
                    }
                    if (!batch.isEmpty()) {
                        rows[0] += batch.size();
                        listener.rows(batch, rows[0]);
                    }
                    if (rows[0] >= cap && query[0]) {
                        capped[0] = true;
                        return false;
                    }
                    return true;
                }, () -> stopped);
                Outcome outcome = stopped || capped[0] ? Outcome.STOPPED : Outcome.SUCCEEDED;
                QueryReport report = new QueryReport(outcome, rows[0], since(t0), jobId[0], capped[0], query[0]);
                record(report, capped[0] ? "stopped at the cap of " + cap + " rows" : null, startedAt);
                listener.finished(report);
            } catch (GatewayException e) {
                QueryReport report = new QueryReport(stopped ? Outcome.STOPPED : Outcome.FAILED, rows[0], since(t0),
                        jobId[0], false, query[0]);
                record(report, stopped ? null : e.describe(), startedAt);
                if (stopped) {
                    listener.finished(report);
                } else {
                    listener.failed(e, report);
                }
            } catch (RuntimeException e) {
                log.warn("Statement failed unexpectedly", e);
                QueryReport report = new QueryReport(Outcome.FAILED, rows[0], since(t0), jobId[0], false, query[0]);
                GatewayException error = new GatewayException(GatewayException.Kind.PROTOCOL,
                        "Eddy could not run the statement: " + e.getMessage(), e.toString(), stackTrace(e), null,
                        null, "This is a bug in Eddy if it happens again; the details help to report it.");
                record(report, error.describe(), startedAt);
                listener.failed(error, report);
            } finally {
                if (op != null && session != null) {
                    // Closing the operation also cancels the Flink job behind a streaming SELECT.
                    session.closeQuietly(op);
                }
                done = true;
            }
        }

        private void record(QueryReport report, String message, Instant startedAt) {
            try {
                history.record(statement, report, message, startedAt);
            } catch (RuntimeException e) {
                log.warn("Could not record the statement in the history: {}", e.getMessage());
            }
        }
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
