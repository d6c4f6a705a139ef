package dev.eddy.ui.sql;

import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.ResultColumn;
import dev.eddy.query.ResultStream;
import dev.eddy.query.QueryListener;
import dev.eddy.query.QueryReport;
import dev.eddy.query.RunningQuery;
import java.util.List;
import java.util.Locale;

/** One script tab of the SQL page: write a statement, run it, watch its result stream in, stop it. */
class ScriptEditor extends VerticalLayout {
    private final ConsoleHolder console;
    private final TextArea editor = new TextArea();
    private final Button run = new Button("Run", VaadinIcon.PLAY.create());
    private final Button stop = new Button("Stop", VaadinIcon.STOP.create());
    private final ProgressBar progress = new ProgressBar();
    private final Span status = new Span();
    private final MessagePanel message = new MessagePanel();
    private final ResultPanel results = new ResultPanel();
    private RunningQuery running;

    ScriptEditor(ConsoleHolder console, String script) {
        this.console = console;
        editor.setValue(script);
        editor.setWidthFull();
        editor.setHeight("13em");
        editor.addClassName("eddy-editor");
        editor.setAriaLabel("SQL statement");
        editor.setPlaceholder("Write a Flink SQL statement, then press Ctrl+Enter");
        editor.getElement().setAttribute("spellcheck", "false");
        // Ctrl+Enter must run what is typed now, not what the server saw at the last blur.
        editor.setValueChangeMode(ValueChangeMode.EAGER);

        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.addClickListener(e -> start());
        run.setTooltipText("Run the statement (Ctrl+Enter)");
        stop.addThemeVariants(ButtonVariant.LUMO_ERROR);
        stop.addClickListener(e -> stopRunning());
        stop.setEnabled(false);
        stop.setTooltipText("Stop reading and cancel the Flink job behind the query");
        Shortcuts.addShortcutListener(this, this::start, Key.ENTER, KeyModifier.CONTROL).listenOn(editor);
        Shortcuts.addShortcutListener(this, this::start, Key.ENTER, KeyModifier.META).listenOn(editor);
        progress.setIndeterminate(true);
        progress.setVisible(false);
        progress.setWidth("8em");
        status.addClassNames("eddy-status", "eddy-run-status");
        HorizontalLayout toolbar = new HorizontalLayout(run, stop, progress, status);
        toolbar.setDefaultVerticalComponentAlignment(Alignment.CENTER);

        message.setWidthFull();
        results.setWidthFull();
        results.setVisible(false);
        add(editor, toolbar, message, results);
        setFlexGrow(1, results);
        setPadding(false);
        setSizeFull();
    }

    private void start() {
        if (stop.isEnabled()) {
            // This script's query still runs: Ctrl+Enter does not start a second one beside it.
            return;
        }
        String statement = editor.getValue();
        if (statement == null || statement.isBlank()) {
            message.error(new GatewayException(GatewayException.Kind.SQL, "There is nothing to run", null, null,
                    null, null, "Write a statement in the editor first."));
            return;
        }
        message.hide();
        results.setVisible(false);
        setRunning(true, "Running…");
        UI ui = UI.getCurrent();
        running = console.console().run(statement, new Listener(ui));
    }

    /** Stops this script's query, if one runs; its Flink job is cancelled. */
    void stopRunning() {
        if (running != null) {
            status.setText("Stopping and cancelling the Flink job…");
            running.stop();
        }
    }

    private void setRunning(boolean on, String text) {
        run.setEnabled(!on);
        stop.setEnabled(on);
        progress.setVisible(on);
        status.setText(text);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        // Leaving the page must not leave a streaming job running unseen.
        stopRunning();
        super.onDetach(event);
    }

    void setZone(java.time.ZoneId zone) {
        results.setZone(zone);
    }

    void focusEditor() {
        editor.focus();
    }

    /** Moves each background event onto the UI through push. */
    private final class Listener implements QueryListener {
        private final UI ui;

        Listener(UI ui) {
            this.ui = ui;
        }

        @Override
        public void columns(List<ResultColumn> columns, ResultStream stream) {
            ui.access(() -> {
                results.start(columns, stream);
                results.setVisible(true);
                status.setText("Waiting for rows…");
            });
        }

        @Override
        public void progress(ResultStream stream) {
            ui.access(() -> {
                results.refresh();
                status.setText("Streaming…");
            });
        }

        @Override
        public void finished(QueryReport report) {
            ui.access(() -> {
                setRunning(false, summary(report));
                if (report.query()) {
                    results.end(switch (report.outcome()) {
                        case SUCCEEDED -> "Finished";
                        case STOPPED -> report.timeLimited() ? "Stopped by the time limit" : "Stopped";
                        case FAILED -> "Failed";
                    });
                } else {
                    results.setVisible(false);
                    message.success(report.jobId().map(id -> "Job " + id + " submitted to the cluster.")
                            .orElse("Done in " + seconds(report) + "."));
                }
            });
        }

        @Override
        public void failed(GatewayException error, QueryReport report) {
            ui.access(() -> {
                setRunning(false, "Failed after " + seconds(report));
                message.error(error);
                if (results.isVisible()) {
                    results.end("Failed");
                }
            });
        }
    }

    private String summary(QueryReport report) {
        String changes = count(report.changes());
        return switch (report.outcome()) {
            case STOPPED -> changes + " in " + seconds(report) + (report.timeLimited()
                    ? ": stopped by the time limit, and the Flink job was cancelled"
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
