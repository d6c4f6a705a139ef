package dev.eddy.query;

import dev.eddy.security.WriteTrust;
import dev.eddy.security.Access;
import dev.eddy.security.AuditEntry;
import dev.eddy.security.AuditLog;
import dev.eddy.security.CurrentUser;
import dev.eddy.security.Requires;
import dev.eddy.security.SqlPolicy;
import dev.eddy.security.Role;
import dev.eddy.cluster.JobHealth;
import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.GatewaySession;
import dev.eddy.gateway.GatewaySessions;
import dev.eddy.gateway.OperationHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Runs console statements through the gateway in the background, collects their results into a
 * bounded {@link ResultStream}, tells the listener a few times a second, and records each run in
 * the statement history.
 */
@Service
@EnableConfigurationProperties(QueryProperties.class)
public class QueryService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueryService.class);
    /** How long a query whose job restarted waits for Flink to name why before it fails without a cause. */
    private static final Duration CAUSE_WAIT = Duration.ofSeconds(10);
    private static final int MAX_THREADS = 512;
    private final GatewaySessions sessions;
    private final StatementHistory history;
    private final QueryProperties properties;
    private final StatementJobs jobs;
    private final org.springframework.beans.factory.ObjectProvider<StatementCheck> checks;
    /** A thread a running query (it reads its result until it ends); bounded, so a flood is refused, not absorbed. */
    private final ExecutorService executor = new java.util.concurrent.ThreadPoolExecutor(0, MAX_THREADS, 60,
            java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(), dev.eddy.config.DaemonThreads.numbered("eddy-query-"));
    private final java.util.Map<String, AtomicInteger> runningByUser = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<Run> active = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(dev.eddy.config.DaemonThreads.named("eddy-query-publisher"));

    private final SqlPolicy policy;
    private final AuditLog audit;

    public QueryService(GatewaySessions sessions, StatementHistory history, QueryProperties properties,
            StatementJobs jobs, org.springframework.beans.factory.ObjectProvider<StatementCheck> checks, SqlPolicy policy,
            AuditLog audit) {
        this.policy = policy;
        this.audit = audit;
        this.sessions = sessions;
        this.jobs = jobs;
        this.checks = checks;
        this.history = history;
        this.properties = properties;
    }

    /** A console: one gateway session, opened on first use, for one browser session. */
    @Requires(Role.VIEWER)
    public SqlConsole openConsole(String name) {
        return new SqlConsole(this, sessions, name);
    }

    /**
     * A console for Eddy's own statements (the DDL a service built, checks it makes), also when no
     * user is acting, as at start. Never for SQL a user typed: that goes through {@link #openConsole}.
     */
    public SqlConsole openServiceConsole(String name) {
        return new SqlConsole(this, sessions, name);
    }

    /** What a new user's editor starts with: the stack's example, or a statement that works anywhere. */
    @Requires(Role.VIEWER)
    public String exampleScript() {
        return sessions.example().orElse("""
                -- Press Ctrl+Enter (Cmd+Enter on a Mac) to run. SHOW TABLES lists the tables of the current database.
                SHOW TABLES
                """);
    }

    /** The acting user's latest statements containing the text (admins: everyone's), newest first. */
    @Requires(Role.VIEWER)
    public java.util.List<StatementHistory.Entry> history(String text, int limit) {
        return history.search(text, limit);
    }

    @Requires(Role.VIEWER)
    public QueryProperties limits() {
        return properties;
    }

    /** How long a console query runs before Eddy stops it, unless its user keeps it running; zero for no limit. */
    @Requires(Role.VIEWER)
    public Duration timeLimit() {
        return properties.timeLimit();
    }

    /** Whether a query of this Eddy holds a task slot (its Flink job runs, not waiting for one). */
    public boolean holdsSlots() {
        return active.stream().anyMatch(Run::holdsSlot);
    }

    /**
     * Stops the newest query holding a task slot, so that deployed job {@code job}, which waits for
     * one, gets it: deployed jobs come before console queries. Its user reads why. Returns the
     * statement stopped, if any.
     */
    public Optional<String> yieldSlot(String job) {
        return active.stream().filter(Run::holdsSlot).max(java.util.Comparator.comparing(r -> r.started))
                .map(run -> {
                    run.yieldTo(job);
                    return run.statement;
                });
    }

    RunningQuery start(SqlConsole console, String statement, QueryListener listener) {
        Access.require(Role.DEVELOPER, "Running statements");
        policy.require(statement);
        Run run = new Run(console, statement, listener);
        // Checks and records made while it runs belong to the user who started it.
        try {
            executor.execute(CurrentUser.carrying(run));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new GatewayException(GatewayException.Kind.TIMEOUT, "Eddy runs " + MAX_THREADS
                    + " statements already: try again when some have ended", null, null, null, null,
                    "Stop queries you no longer read (each script tab's Stop).");
        }
        return run;
    }

    private final class Run implements RunningQuery, Runnable {
        private final SqlConsole console;
        private final String statement;
        private final QueryListener listener;
        private final ResultStream stream = new ResultStream(properties.maxTableRows(),
                properties.maxChangelogEntries(), properties.maxResultBytes().toBytes());
        private volatile boolean stopped;
        private volatile boolean timedOut;
        private volatile boolean keepRunning;
        private volatile String yieldedTo;
        private final Instant started = Instant.now();
        private volatile boolean done;
        private volatile Optional<String> jobId = Optional.empty();
        private volatile boolean query;
        /** Set when the Flink job behind a query failed: the query stops instead of waiting on restarts. */
        private volatile JobHealth clusterFailure;
        private StatementJobs.Watch watch;
        /** A restart Flink counted before its exception history names the cause (the two are read apart). */
        private volatile JobHealth unexplainedTrouble;
        private volatile long unexplainedSince;

        Run(SqlConsole console, String statement, QueryListener listener) {
            this.console = console;
            this.statement = statement;
            this.listener = listener;
        }

        /**
         * The query fails once Flink's cause is known; a restart counted without one waits a little
         * for it, so the user reads why rather than only "it restarted".
         */
        private void troubled(JobHealth health) {
            if (health.failure().isPresent() || health.ended()) {
                clusterFailure = health;
            } else if (unexplainedTrouble == null) {
                unexplainedSince = System.nanoTime();
                unexplainedTrouble = health;
            }
        }

        @Override
        public void stop() {
            stopped = true;
        }

        @Override
        public Optional<Instant> stopsAt() {
            Duration limit = properties.timeLimit();
            return keepRunning || limit.isZero() || done ? Optional.empty() : Optional.of(started.plus(limit));
        }

        @Override
        public void keepRunning() {
            keepRunning = true;
        }

        boolean holdsSlot() {
            return query && jobId.isPresent() && !done && !stopped && stream.waitingFor().isEmpty();
        }

        void yieldTo(String job) {
            yieldedTo = job;
            stopped = true;
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public ResultStream stream() {
            return stream;
        }

        @Override
        public void run() {
            String user = CurrentUser.nameOrSystem();
            AtomicInteger mine = runningByUser.computeIfAbsent(user, k -> new AtomicInteger());
            int running = mine.incrementAndGet();
            active.add(this);
            try {
                if (running > properties.maxRunningPerUser()) {
                    refuse(user, running - 1);
                } else {
                    execute();
                }
            } finally {
                active.remove(this);
                mine.decrementAndGet();
            }
        }

        /** One person's open tabs must not take every task slot a deployed job needs to restart. */
        private void refuse(String user, int running) {
            GatewayException error = new GatewayException(GatewayException.Kind.SQL, user + " runs " + running
                    + " statements already, the most one person may run at once", null, null, null, null,
                    "Stop a query in another script tab, then run this again. An admin can raise "
                            + "eddy.query.max-running-per-user.");
            end(new ResultPublisher(stream, listener, ticker, properties.refreshInterval()),
                    new QueryReport(Outcome.FAILED, 0, Duration.ZERO, jobId, false, false), error.describe(),
                    Instant.now(), error);
        }

        private void execute() {
            Instant startedAt = Instant.now();
            long t0 = System.nanoTime();
            Duration limit = properties.timeLimit();
            // Batches of rows reach the browser a few times a second, not once per page.
            ResultPublisher publisher = new ResultPublisher(stream, listener, ticker, properties.refreshInterval());
            GatewaySession session = null;
            OperationHandle op = null;
            try {
                Optional<GatewayException> problem = checks.orderedStream()
                        .map(c -> c.check(console, statement)).flatMap(Optional::stream).findFirst();
                if (problem.isPresent()) {
                    end(publisher, new QueryReport(Outcome.FAILED, 0, since(t0), jobId, false, false),
                            problem.get().describe(), startedAt, problem.get());
                    return;
                }
                session = console.session();
                try {
                    op = session.submit(statement, WriteTrust.options());
                } catch (GatewayException e) {
                    if (e.kind() != GatewayException.Kind.SESSION_NOT_FOUND) {
                        throw e;
                    }
                    // The gateway restarted or expired the session: a fresh one, then try once more.
                    session = console.reopen();
                    op = session.submit(statement, WriteTrust.options());
                }
                session.follow(op, page -> {
                    if (stream.columns().isEmpty() && !page.columns().isEmpty() && showsRows(page)) {
                        query = true;
                        stream.columns(page.columns(), page.queryResult());
                        listener.columns(page.columns(), stream);
                    }
                    page.jobId().ifPresent(id -> {
                        jobId = Optional.of(id);
                        if (watch == null && page.queryResult()) {
                            watch = jobs.watch(id, health -> {
                                if (health.troubled()) {
                                    troubled(health);
                                }
                                stream.waitingFor(health.waiting());
                                publisher.nudge();
                            });
                        }
                    });
                    if (!page.rows().isEmpty()) {
                        stream.add(page.rows());
                        publisher.nudge();
                    }
                    return true;
                }, () -> {
                    if (!keepRunning && !limit.isZero() && System.nanoTime() - t0 > limit.toNanos()) {
                        timedOut = true;
                    }
                    JobHealth unexplained = unexplainedTrouble;
                    if (clusterFailure == null && unexplained != null
                            && System.nanoTime() - unexplainedSince > CAUSE_WAIT.toNanos()) {
                        clusterFailure = unexplained;
                    }
                    return stopped || timedOut || clusterFailure != null;
                });
                if (clusterFailure != null && !stopped) {
                    GatewayException error = failedOnCluster(clusterFailure);
                    end(publisher, new QueryReport(Outcome.FAILED, stream.stats().changes(), since(t0), jobId, false,
                            query), error.describe(), startedAt, error);
                    return;
                }
                end(publisher, new QueryReport(stopped || timedOut ? Outcome.STOPPED : Outcome.SUCCEEDED,
                        stream.stats().changes(), since(t0), jobId, timedOut && !stopped, query,
                        Optional.ofNullable(yieldedTo)), stopNote(limit), startedAt, null);
            } catch (GatewayException e) {
                QueryReport report = new QueryReport(stopped ? Outcome.STOPPED : Outcome.FAILED,
                        stream.stats().changes(), since(t0), jobId, false, query);
                end(publisher, report, stopped ? null : e.describe(), startedAt, stopped ? null : e);
            } catch (RuntimeException e) {
                log.warn("Statement failed unexpectedly", e);
                GatewayException error = new GatewayException(GatewayException.Kind.PROTOCOL,
                        "Eddy could not run the statement: " + e.getMessage(), e.toString(), stackTrace(e), null,
                        null, "This is a bug in Eddy if it happens again; the details help to report it.");
                end(publisher, new QueryReport(Outcome.FAILED, stream.stats().changes(), since(t0), jobId, false,
                        query), error.describe(), startedAt, error);
            } finally {
                if (watch != null) {
                    watch.close();
                }
                if (op != null && session != null) {
                    // Closing the operation also cancels the Flink job behind a streaming SELECT.
                    session.closeQuietly(op);
                }
                done = true;
            }
        }

        /** Why the query stopped when its user did not stop it; null when they did, or it finished. */
        private String stopNote(Duration limit) {
            if (yieldedTo != null) {
                return "stopped to give its task slot to job '" + yieldedTo + "', which should run";
            }
            return timedOut && !stopped ? "stopped by the time limit of " + QueryProperties.describe(limit) : null;
        }

        private void end(ResultPublisher publisher, QueryReport report, String message, Instant startedAt,
                GatewayException error) {
            stream.end();
            publisher.finish();
            long entry = -1;
            try {
                entry = history.record(statement, report, message, startedAt);
            } catch (RuntimeException e) {
                log.warn("Could not record the statement in the history: {}", e.getMessage());
            }
            audit.record("Ran statement", statement, report.outcome() == Outcome.FAILED ? AuditEntry.Outcome.FAILED
                    : AuditEntry.Outcome.OK, report.outcome() == Outcome.FAILED ? message : report.outcome().name());
            if (error == null) {
                listener.finished(report);
            } else {
                listener.failed(error, report);
            }
            if (error == null && !report.query() && report.jobId().isPresent()) {
                follow(report.jobId().get(), entry);
            }
        }

        /**
         * An INSERT's job runs on after the statement: its real outcome (restarts, failure, the end)
         * reaches the listener and the history as Flink tells it.
         */
        private void follow(String flinkJobId, long entry) {
            jobs.watch(flinkJobId, health -> {
                if (entry >= 0) {
                    try {
                        history.update(entry, JobOutcome.of(health), JobOutcome.describe(flinkJobId, health));
                    } catch (RuntimeException e) {
                        log.warn("Could not record job {}'s outcome in the history: {}", flinkJobId, e.getMessage());
                    }
                }
                listener.job(health);
            });
        }
    }

    /** A query whose Flink job failed, in the user's terms: the cause first, Flink's trace as the details. */
    static GatewayException failedOnCluster(JobHealth health) {
        String cause = health.failure().orElse("Flink restarted its job (" + health.restarts()
                + (health.restarts() == 1 ? " restart" : " restarts") + ") and did not say why");
        return new GatewayException(GatewayException.Kind.SQL, "The query failed while running on Flink: " + cause,
                cause, health.trace().orElse(null), null, null,
                "Eddy stopped it and cancelled its Flink job rather than let Flink restart it again and again. "
                        + "Fix what the cause names and run it again.");
    }

    /**
     * Whether a result holds rows for the user: a query's, or the table SHOW, DESCRIBE or EXPLAIN
     * give. The gateway calls only SELECTs query results; an INSERT's content is its job id, and DDL
     * answers a bare "OK" (kind SUCCESS).
     */
    static boolean showsRows(dev.eddy.gateway.ResultPage page) {
        return page.queryResult() || ("SUCCESS_WITH_CONTENT".equals(page.resultKind()) && page.jobId().isEmpty());
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
        ticker.shutdownNow();
    }
}
