package dev.eddy.ui.jobs;

import dev.eddy.ui.Async;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.eddy.job.Job;
import dev.eddy.job.JobDraft;
import dev.eddy.job.JobPlan;
import dev.eddy.job.JobService;
import dev.eddy.job.JobSettings;
import dev.eddy.job.JobVersion;
import dev.eddy.job.StateMismatchException;
import java.util.function.Consumer;

/**
 * Deploys a statement as a named job with its settings, or edits a job into its next version:
 * Flink plans it first (the plan and the tables read and written are shown), then it runs.
 */
public class DeployDialog extends Dialog {
    private final JobService jobs;
    private final Job editing;
    private final TextField name = new TextField("Name");
    private final TextField description = new TextField("Description");
    private final TextArea statement = new TextArea("Statement");
    private final SettingsForm settings;
    private final Div message = new Div();
    private final Details plan = new Details("Plan");
    private final ProgressBar progress = new ProgressBar();
    private final Button check = new Button("Check");
    private final Button primary;
    private final Button saveOnly = new Button();
    private final Consumer<Job> onDone;
    private volatile boolean saved;
    private boolean consented;

    /** A new job running {@code sql}. */
    public static DeployDialog deploy(JobService jobs, String sql, Consumer<Job> onDone) {
        return new DeployDialog(jobs, null, sql, jobs.defaultSettings(), onDone);
    }

    /** The next version of a job, starting from its current one. */
    static DeployDialog edit(JobService jobs, Job job, Consumer<Job> onDone) {
        JobVersion current = jobs.version(job.id(), job.version());
        return new DeployDialog(jobs, job, current.statement(), current.settings(), onDone);
    }

    private DeployDialog(JobService jobs, Job editing, String sql, JobSettings initial, Consumer<Job> onDone) {
        this.jobs = jobs;
        this.editing = editing;
        this.onDone = onDone;
        this.settings = new SettingsForm(initial);
        setHeaderTitle(editing == null ? "Deploy as job" : "Edit " + editing.name());
        name.setWidthFull();
        name.setRequired(true);
        name.setMaxLength(120);
        name.setPlaceholder("e.g. Orders to PostgreSQL");
        name.addClassName("eddy-job-name");
        description.setWidthFull();
        description.setPlaceholder("What it does, for whoever looks after it");
        statement.setWidthFull();
        statement.setValue(sql);
        statement.addClassNames("eddy-mono", "eddy-job-statement");
        statement.setMaxHeight("14em");
        statement.setReadOnly(editing == null);
        statement.setHelperText(editing == null ? "Change it in the editor; this is what the job runs."
                : "Saving makes version " + (editing.version() + 1) + "; the running version keeps running until redeployed.");
        if (editing != null) {
            name.setValue(editing.name());
            name.setReadOnly(true);
            description.setValue(editing.description());
        }
        Span settingsTitle = new Span("Settings");
        settingsTitle.addClassName("eddy-section-title");
        message.addClassName("eddy-message");
        message.setVisible(false);
        plan.setVisible(false);
        plan.setWidthFull();
        progress.setIndeterminate(true);
        progress.setVisible(false);
        VerticalLayout body = new VerticalLayout(name, description, statement, settingsTitle, settings, message, plan, progress);
        body.setPadding(false);
        body.setSpacing(false);
        add(body);
        setWidth("min(56em, 96vw)");

        check.addClickListener(e -> check());
        check.setTooltipText("Ask Flink to plan the job without running it");
        check.addClassName("eddy-check-job");
        primary = new Button(editing == null ? "Deploy" : "Save and redeploy", e -> submit(true));
        primary.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        primary.addClassName("eddy-deploy");
        saveOnly.setText("Save version " + (editing == null ? 1 : editing.version() + 1));
        saveOnly.addClickListener(e -> submit(false));
        saveOnly.setVisible(editing != null);
        saveOnly.setTooltipText("Keep the new version without touching what runs now");
        getFooter().add(new Button("Cancel", e -> close()), check, saveOnly, primary);
    }

    private void check() {
        busy(true, "Asking Flink for the plan…");
        JobSettings s = settings.settings();
        String sql = statement.getValue();
        Async.run(() -> jobs.explain(sql, s), p -> {
            busy(false, null);
            showPlan(p);
            show("Flink can run this job. It reads " + names(p.reads()) + " and writes " + names(p.writes()) + ".", false);
        }, e -> {
            busy(false, null);
            show(e.getMessage(), true);
        });
    }

    private void submit(boolean run) {
        if (editing == null && name.getValue().isBlank()) {
            name.setInvalid(true);
            name.setErrorMessage("Give the job a name");
            return;
        }
        JobSettings s = settings.settings();
        String sql = statement.getValue();
        String desc = description.getValue();
        if (editing == null) {
            busy(true, "Checking the plan and submitting the job…");
            Async.run(() -> jobs.deploy(new JobDraft(name.getValue(), desc, sql, s)), this::finish, this::failed);
        } else {
            busy(true, run ? "Saving, taking a savepoint and starting the new version…" : "Checking and saving…");
            boolean dropping = consented;
            Async.run(() -> {
                if (!saved) {
                    jobs.edit(editing.id(), desc, sql, s);
                    saved = true;
                }
                return run ? jobs.redeploy(editing.id(), dropping) : jobs.get(editing.id());
            }, this::finish, this::failed);
        }
    }

    private void finish(Job job) {
        busy(false, null);
        close();
        onDone.accept(job);
    }

    private void failed(RuntimeException e) {
        busy(false, null);
        show(e.getMessage(), true);
        if (e instanceof StateMismatchException) {
            // The new version is saved; what runs is untouched until the user agrees to lose that state.
            consented = true;
            statement.setReadOnly(true);
            saveOnly.setVisible(false);
            primary.setText("Redeploy, dropping that state");
            primary.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
    }

    private void showPlan(JobPlan p) {
        Pre text = new Pre(p.plan());
        text.addClassName("eddy-plan");
        plan.removeAll();
        plan.add(text);
        plan.setVisible(true);
    }

    private void show(String text, boolean error) {
        message.setText(text);
        message.removeClassNames("error", "success");
        message.addClassName(error ? "error" : "success");
        message.setVisible(true);
    }

    private void busy(boolean on, String text) {
        progress.setVisible(on);
        primary.setEnabled(!on);
        saveOnly.setEnabled(!on);
        check.setEnabled(!on);
        if (on) {
            show(text, false);
        }
    }

    private static String names(java.util.List<String> tables) {
        return tables.isEmpty() ? "nothing" : String.join(", ", tables.stream()
                .map(t -> t.startsWith("eddy.default_database.") ? t.substring("eddy.default_database.".length()) : t).toList());
    }

    /** Opens the job's page after a deploy. */
    public static void openJob(Job job) {
        UI.getCurrent().navigate("job/" + job.id());
    }
}
