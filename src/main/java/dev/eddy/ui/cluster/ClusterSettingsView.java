package dev.eddy.ui.cluster;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.eddy.cluster.ClusterControl;
import dev.eddy.cluster.ClusterSettings;
import dev.eddy.cluster.ClusterSettingsStore;
import dev.eddy.clustersettings.ClusterSettingsService;
import dev.eddy.ui.Async;
import dev.eddy.ui.MainLayout;
import dev.eddy.ui.RelativeTime;
import jakarta.annotation.security.RolesAllowed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster's settings for admins: task slots and state backend (a change restarts the cluster and
 * carries every running job across through a savepoint), and the defaults every new job starts with.
 * Every apply is a version, listed with who made it and how it ended.
 */
@Route(value = "cluster/settings", layout = MainLayout.class)
@PageTitle("Cluster settings · Eddy")
@RolesAllowed("ADMIN")
class ClusterSettingsView extends VerticalLayout {
    private static final String FAILURE_RATE = "restart-strategy.failure-rate.";
    private static final String FIXED_DELAY = "restart-strategy.fixed-delay.";
    private static final String EXPONENTIAL = "restart-strategy.exponential-delay.";
    private final ClusterSettingsService service;
    private final IntegerField slots = new IntegerField("Task slots per TaskManager");
    private final Select<String> backend = new Select<>();
    private final Checkbox incremental = new Checkbox("Incremental checkpoints (RocksDB only)");
    private final IntegerField parallelism = new IntegerField("Default parallelism");
    private final Select<String> strategy = new Select<>();
    private final Map<String, TextField> restartFields = new LinkedHashMap<>();
    private final TextField interval = new TextField("Checkpoint every");
    private final Select<String> mode = new Select<>();
    private final TextField timeout = new TextField("Checkpoint timeout");
    private final TextField minPause = new TextField("Minimum pause between checkpoints");
    private final Div message = new Div();
    private final Button review = new Button("Review and apply…");
    private final Grid<ClusterSettingsStore.Version> versions = new Grid<>();
    private ClusterSettings shown;

    ClusterSettingsView(ClusterSettingsService service) {
        this.service = service;
        addClassName("eddy-cluster-settings");
        add(new H2("Cluster settings"));
        Paragraph how = new Paragraph(restartNote(service.restartMode()));
        how.addClassNames(LumoUtility.TextColor.SECONDARY);
        add(how);

        backend.setLabel("State backend");
        backend.setItems("hashmap", "rocksdb");
        backend.setItemLabelGenerator(b -> b.equals("hashmap") ? "HashMap (state on the heap; fastest)"
                : "RocksDB (state on disk; for state larger than memory)");
        backend.addValueChangeListener(e -> {
            incremental.setEnabled("rocksdb".equals(e.getValue()));
            if (!"rocksdb".equals(e.getValue())) {
                incremental.setValue(false);
            }
        });
        slots.setMin(1);
        slots.setMax(256);
        slots.setStepButtonsVisible(true);
        slots.setHelperText("Each running task of a job or query takes one");
        FormLayout clusterForm = new FormLayout(slots, backend, incremental);
        clusterForm.setEnabled(service.restartMode() != ClusterControl.Restart.NOT_EDDYS);
        clusterForm.addClassName("eddy-cluster-level");

        parallelism.addClassName("eddy-default-parallelism");
        parallelism.setMin(1);
        parallelism.setMax(256);
        parallelism.setStepButtonsVisible(true);
        strategy.setLabel("Restart strategy");
        strategy.setItems("failure-rate", "fixed-delay", "exponential-delay", "none");
        strategy.setItemLabelGenerator(s -> switch (s) {
            case "failure-rate" -> "Failure rate: give up after too many failures in a while";
            case "fixed-delay" -> "Fixed delay: a number of attempts";
            case "exponential-delay" -> "Exponential delay: longer and longer pauses";
            default -> "None: a failure stops the job";
        });
        restartField(FAILURE_RATE + "max-failures-per-interval", "Failures allowed");
        restartField(FAILURE_RATE + "failure-rate-interval", "Within");
        restartField(FAILURE_RATE + "delay", "Pause before a restart");
        restartField(FIXED_DELAY + "attempts", "Attempts");
        restartField(FIXED_DELAY + "delay", "Pause before a restart");
        restartField(EXPONENTIAL + "initial-backoff", "First pause");
        restartField(EXPONENTIAL + "max-backoff", "Longest pause");
        strategy.addValueChangeListener(e -> restartFields.forEach((k, f) ->
                f.setVisible(k.startsWith("restart-strategy." + e.getValue() + "."))));
        mode.setLabel("Checkpoint mode");
        mode.setItems("EXACTLY_ONCE", "AT_LEAST_ONCE");
        mode.setItemLabelGenerator(m -> m.equals("EXACTLY_ONCE") ? "Exactly once" : "At least once");
        interval.setHelperText("A duration: 10 s, 1 min");
        FormLayout jobForm = new FormLayout(parallelism, strategy);
        restartFields.values().forEach(jobForm::add);
        jobForm.add(interval, mode, timeout, minPause);
        jobForm.addClassName("eddy-job-defaults");

        H3 clusterTitle = new H3("The cluster");
        Paragraph clusterNote = new Paragraph("Read by the cluster's processes when they start: a change restarts the cluster.");
        clusterNote.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        H3 jobTitle = new H3("Job defaults");
        Paragraph jobNote = new Paragraph("What a job deployed from now on starts with, unless its own settings say otherwise. "
                + "Running jobs keep the settings they were deployed with.");
        jobNote.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);

        review.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        review.addClassName("eddy-review-settings");
        review.addClickListener(e -> review());
        Button reset = new Button("Discard changes", e -> show(service.current()));
        message.addClassName("eddy-message");
        message.setVisible(false);

        versions.addClassName("eddy-settings-versions");
        versions.addColumn(ClusterSettingsStore.Version::version).setHeader("Version").setAutoWidth(true).setFlexGrow(0);
        versions.addColumn(v -> RelativeTime.ago(v.changedAt())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        versions.addColumn(ClusterSettingsStore.Version::changedBy).setHeader("By").setAutoWidth(true).setFlexGrow(0);
        versions.addColumn(v -> outcome(v.outcome())).setHeader("Outcome").setAutoWidth(true).setFlexGrow(0);
        versions.addColumn(v -> String.join("; ", v.changes())).setHeader("Changes").setFlexGrow(1);
        versions.addColumn(ClusterSettingsStore.Version::message).setHeader("What happened").setFlexGrow(1);
        versions.setAllRowsVisible(true);
        versions.setWidthFull();
        versions.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);

        add(clusterTitle, clusterNote, clusterForm, jobTitle, jobNote, jobForm, new HorizontalLayout(review, reset), message,
                new H3("Versions"), versions);
        setMaxWidth("64em");
        show(service.current());
    }

    private void restartField(String key, String label) {
        TextField field = new TextField(label);
        field.setVisible(false);
        restartFields.put(key, field);
    }

    private void show(ClusterSettings settings) {
        shown = settings;
        slots.setValue(Integer.parseInt(settings.get(ClusterSettings.TASK_SLOTS)));
        backend.setValue(settings.get(ClusterSettings.STATE_BACKEND));
        incremental.setValue("true".equals(settings.get(ClusterSettings.INCREMENTAL)));
        incremental.setEnabled("rocksdb".equals(backend.getValue()));
        parallelism.setValue(Integer.parseInt(settings.get(ClusterSettings.PARALLELISM)));
        strategy.setValue(settings.get(ClusterSettings.RESTART_STRATEGY));
        restartFields.forEach((k, f) -> f.setValue(settings.get(k)));
        interval.setValue(settings.get(ClusterSettings.CHECKPOINT_INTERVAL));
        mode.setValue(settings.get(ClusterSettings.CHECKPOINT_MODE));
        timeout.setValue(settings.get(ClusterSettings.CHECKPOINT_TIMEOUT));
        minPause.setValue(settings.get(ClusterSettings.CHECKPOINT_MIN_PAUSE));
        versions.setItems(service.versions());
    }

    /** What the form says: the settings shown, with each field's value; a restart strategy keeps only its own parameters. */
    private ClusterSettings edited() {
        ClusterSettings s = shown
                .with(ClusterSettings.TASK_SLOTS, slots.getValue() == null ? "" : String.valueOf(slots.getValue()))
                .with(ClusterSettings.STATE_BACKEND, backend.getValue())
                .with(ClusterSettings.INCREMENTAL, String.valueOf(incremental.getValue()))
                .with(ClusterSettings.PARALLELISM, parallelism.getValue() == null ? "" : String.valueOf(parallelism.getValue()))
                .with(ClusterSettings.RESTART_STRATEGY, strategy.getValue())
                .with(ClusterSettings.CHECKPOINT_INTERVAL, interval.getValue())
                .with(ClusterSettings.CHECKPOINT_MODE, mode.getValue())
                .with(ClusterSettings.CHECKPOINT_TIMEOUT, timeout.getValue())
                .with(ClusterSettings.CHECKPOINT_MIN_PAUSE, minPause.getValue());
        for (Map.Entry<String, TextField> f : restartFields.entrySet()) {
            boolean own = f.getKey().startsWith("restart-strategy." + strategy.getValue() + ".");
            s = s.with(f.getKey(), own ? f.getValue().getValue() : "");
        }
        return s;
    }

    private void review() {
        ClusterSettings next = edited();
        ClusterSettingsService.Preview preview = service.preview(next);
        if (!preview.problems().isEmpty()) {
            say(String.join(" ", preview.problems()), "error");
            return;
        }
        if (preview.changes().isEmpty()) {
            say("Nothing changed: these are the settings in effect.", "");
            return;
        }
        UnorderedList changes = new UnorderedList();
        preview.changes().forEach(c -> changes.add(new ListItem(c)));
        Paragraph effect = new Paragraph(effect(preview));
        Div body = new Div(changes, effect);
        body.addClassName("eddy-settings-preview");
        Dialog confirm = new Dialog();
        confirm.setHeaderTitle("Apply " + preview.changes().size() + (preview.changes().size() == 1 ? " change?" : " changes?"));
        confirm.add(body);
        confirm.setMaxWidth("40em");
        Button go = new Button(preview.restart() == ClusterControl.Restart.NOW ? "Restart the cluster and apply" : "Apply", e -> {
            confirm.close();
            apply(next, preview);
        });
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        go.addClassName("eddy-apply-settings");
        confirm.getFooter().add(new Button("Cancel", e -> confirm.close()), go);
        confirm.open();
    }

    private static String effect(ClusterSettingsService.Preview preview) {
        if (preview.restart() == null) {
            return "Job defaults only: nothing restarts; jobs deployed from now on use them.";
        }
        return switch (preview.restart()) {
            case NOW -> preview.jobsToCarry().isEmpty()
                    ? "The cluster restarts (about half a minute). No job is running."
                    : "The cluster restarts: " + String.join(", ", preview.jobsToCarry()) + (preview.jobsToCarry().size() == 1
                            ? " is stopped with a savepoint first and runs again from it" : " are stopped with savepoints first "
                            + "and run again from them") + ". If the cluster does not come back, the previous settings are restored.";
            case AT_NEXT_START -> "The cluster runs inside Eddy: the change takes effect when Eddy next starts.";
            case NOT_EDDYS -> "Eddy does not run this cluster.";
        };
    }

    private void apply(ClusterSettings next, ClusterSettingsService.Preview preview) {
        review.setEnabled(false);
        say(preview.restart() == ClusterControl.Restart.NOW ? "Applying: stopping the running jobs with savepoints and "
                + "restarting the cluster…" : "Applying…", "");
        Async.run(() -> service.apply(next), version -> {
            review.setEnabled(true);
            say("Version " + version.version() + ": " + version.message(),
                    version.outcome() == ClusterSettingsStore.Outcome.FAILED ? "error" : "success");
            show(service.current());
        }, error -> {
            review.setEnabled(true);
            say(error.getMessage(), "error");
            show(service.current());
        });
    }

    private void say(String text, String kind) {
        message.setText(text);
        message.getElement().setAttribute("class", "eddy-message " + kind);
        message.setVisible(true);
    }

    private static String outcome(ClusterSettingsStore.Outcome outcome) {
        return switch (outcome) {
            case APPLYING -> "Applying…";
            case APPLIED -> "Applied";
            case AT_NEXT_START -> "At the next start";
            case FAILED -> "Failed, rolled back";
        };
    }

    private static String restartNote(ClusterControl.Restart mode) {
        return switch (mode) {
            case NOW -> "Eddy runs this cluster's processes: changing the task slots or the state backend restarts them, "
                    + "with every running job stopped with a savepoint and started again from it.";
            case AT_NEXT_START -> "The cluster runs inside Eddy: task slots and the state backend take effect at Eddy's next "
                    + "start. Job defaults take effect at once.";
            case NOT_EDDYS -> "Eddy does not run this cluster: its task slots and state backend are set in its own "
                    + "configuration. Job defaults take effect at once.";
        };
    }
}
