package dev.eddy.ui.sql;

import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import dev.eddy.security.Role;
import dev.eddy.security.Access;
import dev.eddy.security.AccessRefusedException;
import dev.eddy.ui.Async;
import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.ResultColumn;
import dev.eddy.query.ResultStream;
import dev.eddy.query.QueryListener;
import dev.eddy.query.QueryReport;
import dev.eddy.query.Outcome;
import dev.eddy.query.RunningQuery;
import dev.eddy.integration.TopicService;
import dev.eddy.sql.ErrorHints;
import dev.eddy.sql.MissingTopicException;
import dev.eddy.ui.CreateTopicDialog;
import dev.eddy.sql.SqlAssistant;
import dev.eddy.sql.SqlStatement;
import dev.eddy.sql.StatementSplitter;
import dev.eddy.sql.SyntaxChecker;
import dev.eddy.sql.SyntaxProblem;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One script tab of the SQL page: write statements, run the one at the cursor (or the selection, or
 * all of them in order), watch the result stream in, stop it; see the plan of a statement.
 */
class ScriptEditor extends VerticalLayout {
    private final ConsoleHolder console;
    private final TopicService topics;
    private final SqlEditor editor;
    private final Button run = new Button("Run", VaadinIcon.PLAY.create());
    private final Button runAll = new Button("Run all", VaadinIcon.FAST_FORWARD.create());
    private final Button explain = new Button("Explain", VaadinIcon.SITEMAP.create());
    private final Button stop = new Button("Stop", VaadinIcon.STOP.create());
    private final Button keepRunning = new Button("Keep running", VaadinIcon.CLOCK.create());
    private final Button deploy = new Button("Deploy as job", VaadinIcon.ROCKET.create());
    private final Consumer<String> onDeploy;
    private final ProgressBar progress = new ProgressBar();
    private final Span status = new Span();
    private final MessagePanel message = new MessagePanel();
    private final boolean mayRun = Access.allows(Role.DEVELOPER);
    private final ResultsArea results = new ResultsArea();
    private final Deque<SqlStatement> queue = new ArrayDeque<>();
    private SqlStatement current;
    private int total;
    private long batchStarted;
    private RunningQuery running;
    /** The statement whose job the message above the results speaks of (the latest INSERT). */
    private Listener jobShown;
    private java.time.ZoneId zone = java.time.ZoneId.systemDefault();

    /** {@code onEdit} receives the script each time the user pauses typing (to keep it). */
    ScriptEditor(ConsoleHolder console, TopicService topics, String script, Consumer<String> onEdit,
            Consumer<String> onDeploy) {
        this.console = console;
        this.topics = topics;
        this.onDeploy = onDeploy;
        editor = new SqlEditor(console.assistant(), script);
        editor.addEditListener(onEdit);
        editor.setWidthFull();
        editor.setHeight("14em");
        editor.addClassName("eddy-editor");
        editor.addRunListener(e -> onRun(e.text(), e.from(), e.to(), e.scope()));

        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.addClickListener(e -> editor.requestRun("selection"));
        run.setTooltipText("Run the statement at the cursor, or the selection (Ctrl+Enter)");
        run.addClassName("eddy-run");
        runAll.addClickListener(e -> editor.requestRun("all"));
        runAll.setTooltipText("Run every statement of the script in order (Ctrl+Shift+Enter)");
        explain.addClickListener(e -> editor.requestRun("explain"));
        explain.setTooltipText("Show how Flink would run the statement at the cursor");
        explain.addClassName("eddy-explain");
        deploy.addClickListener(e -> editor.requestRun("deploy"));
        deploy.setTooltipText("Run the INSERT INTO … at the cursor as a named job that keeps running");
        deploy.addClassName("eddy-deploy-job");
        stop.addThemeVariants(ButtonVariant.LUMO_ERROR);
        stop.addClickListener(e -> stopRunning());
        stop.setEnabled(false);
        stop.setTooltipText("Stop reading and cancel the Flink job behind the query");
        keepRunning.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        keepRunning.addClassName("eddy-keep-running");
        keepRunning.setVisible(false);
        keepRunning.addClickListener(e -> {
            if (running != null) {
                running.keepRunning();
            }
            keepRunning.setVisible(false);
            status.setText("Streaming… (kept running until you stop it)");
            keepRunning.setText("Keep running");
        });
        progress.setIndeterminate(true);
        progress.setVisible(false);
        progress.setWidth("8em");
        status.addClassNames("eddy-status", "eddy-run-status");
        if (!mayRun) {
            // Viewers may write SQL here; running it is for developers, and the buttons say so.
            for (Button b : List.of(run, runAll, explain, deploy)) {
                b.setEnabled(false);
                b.setTooltipText("Running SQL needs the developer role: ask an admin if you need it");
            }
        }
        HorizontalLayout toolbar = new HorizontalLayout(run, runAll, explain, deploy, stop, progress, status, keepRunning);
        toolbar.setDefaultVerticalComponentAlignment(Alignment.CENTER);
        // A narrow window puts the status on a line of its own rather than past the edge.
        toolbar.setWrap(true);

        message.setWidthFull();
        results.setWidthFull();
        add(editor, toolbar, message, results);
        setFlexGrow(1, results);
        setPadding(false);
        setSizeFull();
    }

    /** Runs every statement of the script, as "Run all" does. */
    public void runAll() {
        String script = script();
        onRun(script, 0, script.length(), "all");
    }

    private void onRun(String script, int from, int to, String scope) {
        if (stop.isEnabled()) {
            // This script's query still runs: Ctrl+Enter does not start a second one beside it.
            return;
        }
        List<SqlStatement> statements = "all".equals(scope) ? StatementSplitter.split(script)
                : StatementSplitter.at(script, from, to);
        if (statements.isEmpty()) {
            message.error(new GatewayException(GatewayException.Kind.SQL, "There is nothing to run", null, null,
                    null, null, "Write a statement in the editor first."));
            return;
        }
        for (SqlStatement statement : statements) {
            Optional<SyntaxProblem> problem = SyntaxChecker.check(statement);
            if (problem.isPresent()) {
                SyntaxProblem p = problem.get();
                editor.markError(p.from(), p.to(), p.message());
                String fix = "Fix the statement at line " + p.line() + ", column " + p.column() + " and run it again.";
                message.error(new GatewayException(GatewayException.Kind.SQL, p.message(), null, null, p.line(),
                        p.column(), ErrorHints.reservedWordHint(p.message(), console.assistant().session())
                                .map(h -> h + " " + fix).orElse(fix)));
                return;
            }
        }
        if ("explain".equals(scope)) {
            explain(statements.get(0));
            return;
        }
        if ("deploy".equals(scope)) {
            message.hide();
            onDeploy.accept(statements.get(0).text());
            return;
        }
        message.hide();
        jobShown = null;
        results.reset(statements.size());
        queue.clear();
        queue.addAll(statements);
        total = statements.size();
        batchStarted = System.nanoTime();
        runNext();
    }

    private void runNext() {
        current = queue.poll();
        if (current == null) {
            return;
        }
        int index = total - queue.size();
        setRunning(true, total > 1 ? "Running statement " + index + " of " + total + "…" : "Running…");
        editor.select(current.start(), current.end());
        try {
            running = console.run(current.text(), new Listener(UI.getCurrent(), current, index), UI.getCurrent());
        } catch (AccessRefusedException e) {
            queue.clear();
            setRunning(false, "");
            message.refused(e.getMessage());
        }
    }

    private void explain(SqlStatement statement) {
        message.hide();
        setRunning(true, "Asking Flink for the plan…");
        UI ui = UI.getCurrent();
        SqlAssistant assistant = console.assistant();
        Async.supply(() -> assistant.explain(statement.text()))
                .whenComplete((plan, error) -> ui.access(() -> {
                    setRunning(false, "");
                    if (error != null) {
                        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        if (cause instanceof GatewayException failure) {
                            GatewayException g = assistant.withHints(failure, statement.text());
                            markPlace(statement, g);
                            message.error(g, statement.line());
                        } else {
                            message.error(new GatewayException(GatewayException.Kind.PROTOCOL,
                                    "The plan could not be read: " + cause.getMessage(), null, null, null, null, null));
                        }
                    } else {
                        message.plan(plan);
                    }
                }));
    }

    /** Stops this script's query, if one runs; its Flink job is cancelled, and statements after it do not run. */
    void stopRunning() {
        queue.clear();
        if (running != null) {
            status.setText("Stopping and cancelling the Flink job…");
            running.stop();
        }
    }

    private void setRunning(boolean on, String text) {
        run.setEnabled(!on && mayRun);
        runAll.setEnabled(!on && mayRun);
        explain.setEnabled(!on && mayRun);
        stop.setEnabled(on);
        progress.setVisible(on);
        if (!on) {
            keepRunning.setVisible(false);
        }
        status.setText(text);
    }

    private void markPlace(SqlStatement statement, GatewayException error) {
        if (error.line().isPresent() && error.column().isPresent()) {
            int at = statement.offset(error.line().get(), error.column().get());
            editor.markError(at, statement.tokenEnd(at), error.getMessage());
        } else {
            editor.markError(statement.start(), statement.end(), error.getMessage());
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        // Leaving the page must not leave a streaming job running unseen.
        stopRunning();
        super.onDetach(event);
    }

    void setZone(java.time.ZoneId zone) {
        this.zone = zone;
        results.setZone(zone);
    }

    void focusEditor() {
        editor.focus();
    }

    /** Writes text where the cursor is (a name picked in the schema tree). */
    void insert(String text) {
        editor.insertText(text);
    }

    /** The script as the browser last sent it. */
    String script() {
        return editor.getValue();
    }

    /** Moves each background event onto the UI through push. */
    private final class Listener implements QueryListener {
        private final UI ui;
        private final SqlStatement statement;
        private final int index;
        private ResultPanel rows;

        Listener(UI ui, SqlStatement statement, int index) {
            this.ui = ui;
            this.statement = statement;
            this.index = index;
        }

        /** Runs on the UI through push; a page closed meanwhile has nothing left to show. */
        private void later(com.vaadin.flow.server.Command update) {
            try {
                ui.access(update);
            } catch (com.vaadin.flow.component.UIDetachedException e) {
                // The browser left; the query has ended or is stopped by the detach.
            }
        }

        @Override
        public void columns(List<ResultColumn> columns, ResultStream stream) {
            later(() -> {
                rows = results.rows(index, statement);
                rows.start(columns, stream);
                status.setText(waiting(stream));
                offerKeepRunning();
            });
        }

        @Override
        public void progress(ResultStream stream) {
            later(() -> {
                if (rows != null) {
                    rows.refresh();
                }
                if (stop.isEnabled()) {
                    status.setText(rows == null ? running(stream) : stream.stats().changes() == 0 ? waiting(stream)
                            : streaming());
                    stream.waitingFor().ifPresentOrElse(message::warning, message::hideWarning);
                }
            });
        }

        @Override
        public void finished(QueryReport report) {
            later(() -> {
                if (changesCatalog(statement.text())) {
                    console.assistant().refresh();
                }
                boolean more = report.outcome() == Outcome.SUCCEEDED && !queue.isEmpty();
                if (rows != null) {
                    rows.end(switch (report.outcome()) {
                        case SUCCEEDED -> "Finished";
                        case STOPPED -> report.yieldedTo().isPresent() ? "Stopped for job " + report.yieldedTo().get()
                                : report.timeLimited() ? "Stopped at the time limit" : "Stopped";
                        case FAILED -> "Failed";
                    });
                }
                report.yieldedTo().ifPresent(job -> message.warning("Eddy stopped this query to give its task slot "
                        + "to job '" + job + "', which should run and found no free slot: deployed jobs come before "
                        + "console queries. Run it again when a slot is free (the Cluster page shows them)."));
                if (!more && total > 1) {
                    message.success(total + " statements ran in " + elapsed() + ".");
                } else if (!more && rows == null) {
                    message.success(report.jobId().map(id -> "Job " + id + " submitted to the cluster.")
                            .orElse("Done in " + seconds(report) + "."));
                }
                if (report.jobId().isPresent() && rows == null) {
                    jobShown = this;
                }
                if (more) {
                    runNext();
                } else {
                    setRunning(false, summary(report));
                }
            });
        }

        @Override
        public void job(dev.eddy.cluster.JobHealth health) {
            later(() -> {
                if (jobShown == this && !stop.isEnabled()) {
                    JobStatus.show(message, health);
                }
            });
        }

        @Override
        public void failed(GatewayException failure, QueryReport report) {
            GatewayException error = failure instanceof MissingTopicException ? failure
                    : console.assistant().withHints(failure, statement.text());
            later(() -> {
                queue.clear();
                setRunning(false, (total > 1 ? "Statement " + index + " of " + total + " failed after "
                        : "Failed after ") + seconds(report));
                markPlace(statement, error);
                MessagePanel shown = results.failed(index, statement, error);
                if (error instanceof MissingTopicException missing) {
                    shown.action(createTopic(missing, statement));
                }
            });
        }
    }

    /** "Create topic…": makes the missing topic, then runs the statement again if the script still holds it. */
    private Button createTopic(MissingTopicException missing, SqlStatement statement) {
        Button create = new Button("Create topic " + missing.topic() + "…", VaadinIcon.PLUS.create());
        create.addThemeVariants(ButtonVariant.LUMO_SMALL);
        create.addClassName("eddy-create-topic-open");
        create.addClickListener(e -> new CreateTopicDialog(topics, missing.place(), missing.topic(),
                "Create and run again", () -> {
            String script = script();
            if (statement.end() <= script.length()
                    && script.substring(statement.start(), statement.end()).equals(statement.text())) {
                onRun(script, statement.start(), statement.end(), "selection");
            } else {
                message.success("Topic " + missing.topic() + " created: run the statement again.");
            }
        }).open());
        return create;
    }

    /**
     * A streaming query stops at the console's time limit so a forgotten tab gives its task slot
     * back; the user who watches it can lift the limit for this one query.
     */
    private void offerKeepRunning() {
        Optional<java.time.Instant> stopsAt = running == null ? Optional.empty() : running.stopsAt();
        keepRunning.setVisible(stopsAt.isPresent());
        stopsAt.ifPresent(at -> {
            // The time it stops on the button that lifts the limit: one short item in the toolbar.
            keepRunning.setText("Stops at " + clock(at) + " · Keep running");
            keepRunning.setTooltipText("Console queries stop after "
                    + dev.eddy.query.QueryProperties.describe(console.timeLimit())
                    + " to give their task slot back. Press to keep this one running until you press Stop.");
        });
    }

    private String streaming() {
        return running != null && running.stopsAt().isEmpty() && !console.timeLimit().isZero()
                ? "Streaming… (kept running until you stop it)" : "Streaming…";
    }

    private String clock(java.time.Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).format(at.atZone(zone));
    }

    private static String running(ResultStream stream) {
        return "Running · " + StatusLine.seconds(stream.stats().elapsed().toMillis());
    }

    private static String waiting(ResultStream stream) {
        return stream.waitingFor().isPresent() ? "Waiting for a free task slot…" : "Waiting for the first row…";
    }

    /** Statements after which the session's catalogs look different, so completion re-reads them. */
    private static boolean changesCatalog(String statement) {
        String head = statement.stripLeading().toUpperCase(java.util.Locale.ROOT);
        return head.startsWith("CREATE") || head.startsWith("DROP") || head.startsWith("ALTER")
                || head.startsWith("USE") || head.startsWith("LOAD") || head.startsWith("UNLOAD");
    }

    private String elapsed() {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - batchStarted) / 1e9);
    }

    private String summary(QueryReport report) {
        String changes = count(report.changes());
        return switch (report.outcome()) {
            case STOPPED -> changes + " in " + seconds(report) + (report.yieldedTo().isPresent()
                    ? ": stopped for job " + report.yieldedTo().get() + ", and the Flink job was cancelled"
                    : report.timeLimited()
                    ? ": stopped at the time limit for console queries (its task slot is free again); "
                            + "run it again and press Keep running to watch it longer"
                    : ": stopped, and the Flink job was cancelled");
            case SUCCEEDED -> report.query() ? changes + " in " + seconds(report) : "Done in " + seconds(report);
            case FAILED -> "Failed after " + seconds(report);
        };
    }

    private static String count(long n) {
        return StatusLine.count(n, "row");
    }

    private static String seconds(QueryReport report) {
        return String.format(Locale.ROOT, "%.1f s", report.duration().toMillis() / 1000.0);
    }
}
