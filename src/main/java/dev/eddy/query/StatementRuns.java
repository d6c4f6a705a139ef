package dev.eddy.query;

import dev.eddy.cluster.JobHealth;
import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.ResultColumn;
import dev.eddy.security.CurrentUser;
import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Statements run for scripts (the REST API): each in a console of its caller (so SET and temporary
 * tables carry over between their statements), its result kept for paging. Bounded: a few running
 * statements per user, a running one nobody reads for two minutes is stopped (its Flink job
 * cancelled, as for a browser that went away), and an ended one is forgotten after ten minutes.
 */
@Service
public class StatementRuns implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatementRuns.class);
    /** Running statements a user may have at once: each streaming query holds a task slot. */
    static final int MAX_RUNNING_PER_USER = 3;
    static final Duration UNREAD = Duration.ofMinutes(2);
    static final Duration KEPT_AFTER_END = Duration.ofMinutes(10);
    private final QueryService queries;
    private final Map<Long, Run> runs = new ConcurrentHashMap<>();
    private final Map<String, SqlConsole> consoles = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(dev.eddy.config.DaemonThreads.named("eddy-statement-runs"));

    public StatementRuns(QueryService queries) {
        this.queries = queries;
        sweeper.scheduleWithFixedDelay(this::sweep, 30, 30, TimeUnit.SECONDS);
    }

    /** Where a statement is: running, or how it ended. */
    public enum State { RUNNING, FINISHED, FAILED, STOPPED }

    /** What a reader sees of a statement: its state, columns, a page of changes and, when it failed, why. */
    public record View(long id, String statement, State state, Instant startedAt, List<ResultColumn> columns,
            boolean changelog, List<Change> changes, long next, long skipped, Optional<String> jobId,
            Optional<GatewayException> error, Optional<String> waitingFor) {}

    /** Starts a statement in the caller's console; its rows are read with {@link #read}. */
    @Requires(value = Role.DEVELOPER, action = "Running statements")
    public View start(String statement) {
        if (statement == null || statement.isBlank()) {
            throw new IllegalArgumentException("The statement is empty: send {\"statement\": \"SELECT …\"}");
        }
        String owner = owner();
        long running = runs.values().stream().filter(r -> r.owner.equals(owner) && !r.query.isDone()).count();
        if (running >= MAX_RUNNING_PER_USER) {
            throw new IllegalArgumentException(owner + " already runs " + running + " statements, the most one user may "
                    + "run at once: stop one (DELETE /api/v1/statements/{id}) or read it to its end first");
        }
        // Under the lock the sweeper closes idle consoles with: a console is never closed under a new statement.
        synchronized (consoles) {
            SqlConsole console = consoles.computeIfAbsent(owner, o -> queries.openConsole("api " + o));
            long id = ids.incrementAndGet();
            Recorder recorder = new Recorder();
            RunningQuery query = console.run(statement, recorder);
            Run run = new Run(id, owner, statement, Instant.now(), query, recorder);
            runs.put(id, run);
            return run.view(0, 0);
        }
    }

    /** The statement with up to {@code max} changes from {@code from} on; only its own user sees it. */
    @Requires(value = Role.VIEWER, action = "Reading statements")
    public View read(long id, long from, int max) {
        if (from < 0 || max < 0 || max > 10_000) {
            throw new IllegalArgumentException("from must be 0 or more and max between 0 and 10000");
        }
        Run run = mine(id);
        run.readAt = Instant.now();
        return run.view(from, max);
    }

    /** The caller's statements, newest first, without rows. */
    @Requires(value = Role.VIEWER, action = "Reading statements")
    public List<View> mine() {
        String owner = owner();
        return runs.values().stream().filter(r -> r.owner.equals(owner))
                .sorted(Comparator.comparingLong((Run r) -> r.id).reversed()).map(r -> r.view(0, 0)).toList();
    }

    /** Stops a running statement (its Flink job is cancelled) and forgets it. */
    @Requires(value = Role.VIEWER, action = "Stopping statements")
    public void stop(long id) {
        Run run = mine(id);
        run.query.stop();
        runs.remove(id);
    }

    private Run mine(long id) {
        Run run = runs.get(id);
        if (run == null || !run.owner.equals(owner())) {
            // Another user's statement is not there for this caller, as one that never was.
            throw StatementException.missing("No statement " + id + " (statements are kept " + KEPT_AFTER_END.toMinutes()
                    + " minutes after they end)");
        }
        return run;
    }

    private static String owner() {
        return CurrentUser.get().orElseThrow().name();
    }

    private void sweep() {
        Instant now = Instant.now();
        for (Run run : runs.values()) {
            if (!run.query.isDone() && run.readAt.plus(UNREAD).isBefore(now)) {
                log.info("Statement {} of {} was not read for {} minutes: it is stopped and its Flink job cancelled",
                        run.id, run.owner, UNREAD.toMinutes());
                run.query.stop();
            } else if (run.query.isDone() && run.recorder.endedAt != null
                    && run.recorder.endedAt.plus(KEPT_AFTER_END).isBefore(now)) {
                runs.remove(run.id);
            }
        }
        // A console with nothing left to read is closed: its gateway session is not kept open for nobody.
        synchronized (consoles) {
            closeIdleConsoles();
        }
    }

    private void closeIdleConsoles() {
        consoles.keySet().removeIf(owner -> {
            boolean idle = runs.values().stream().noneMatch(r -> r.owner.equals(owner));
            if (idle) {
                SqlConsole console = consoles.get(owner);
                if (console != null) {
                    console.close();
                }
            }
            return idle;
        });
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        runs.values().forEach(r -> r.query.stop());
        consoles.values().forEach(SqlConsole::close);
    }

    private static final class Run {
        final long id;
        final String owner;
        final String statement;
        final Instant startedAt;
        final RunningQuery query;
        final Recorder recorder;
        volatile Instant readAt = Instant.now();

        Run(long id, String owner, String statement, Instant startedAt, RunningQuery query, Recorder recorder) {
            this.id = id;
            this.owner = owner;
            this.statement = statement;
            this.startedAt = startedAt;
            this.query = query;
            this.recorder = recorder;
        }

        View view(long from, int max) {
            ResultStream stream = query.stream();
            ResultStream.Slice slice = stream.changesSince(from, max);
            QueryReport report = recorder.report;
            State state = report == null ? State.RUNNING : switch (report.outcome()) {
                case SUCCEEDED -> State.FINISHED;
                case FAILED -> State.FAILED;
                case STOPPED -> State.STOPPED;
            };
            return new View(id, statement, state, startedAt, stream.columns(), stream.changelog(), slice.changes(),
                    slice.next(), slice.skipped(), report == null ? Optional.empty() : report.jobId(),
                    Optional.ofNullable(recorder.error), stream.waitingFor());
        }
    }

    /** Keeps how a statement ended; its rows stay in its stream. */
    private static final class Recorder implements QueryListener {
        volatile QueryReport report;
        volatile GatewayException error;
        volatile Instant endedAt;

        @Override
        public void columns(List<ResultColumn> columns, ResultStream stream) {}

        @Override
        public void progress(ResultStream stream) {}

        @Override
        public void finished(QueryReport report) {
            endedAt = Instant.now();
            this.report = report;
        }

        @Override
        public void failed(GatewayException error, QueryReport report) {
            endedAt = Instant.now();
            this.error = error;
            this.report = report;
        }

        @Override
        public void job(JobHealth health) {}
    }
}
