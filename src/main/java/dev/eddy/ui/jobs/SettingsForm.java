package dev.eddy.ui.jobs;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.eddy.job.JobSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A job's settings as fields: parallelism, checkpoints, restart strategy, state TTL, and any other option. */
class SettingsForm extends FormLayout {
    private static final Set<String> SHOWN = Set.of(JobSettings.PARALLELISM, JobSettings.CHECKPOINT_INTERVAL,
            JobSettings.CHECKPOINT_MODE, JobSettings.RESTART_STRATEGY, JobSettings.STATE_TTL);
    private final IntegerField parallelism = new IntegerField("Parallelism");
    private final TextField interval = new TextField("Checkpoint every");
    private final Select<String> mode = new Select<>();
    private final Select<String> restart = new Select<>();
    private final TextField ttl = new TextField("Keep idle state for");
    private final TextArea other = new TextArea("Other Flink options");

    SettingsForm(JobSettings settings) {
        parallelism.setPlaceholder("cluster default");
        parallelism.setMin(1);
        parallelism.setStepButtonsVisible(true);
        parallelism.setHelperText("Tasks per operator; each needs a task slot");
        interval.setHelperText("e.g. 10 s, 1 min; state is saved this often");
        mode.setLabel("Checkpoint mode");
        mode.setItems("EXACTLY_ONCE", "AT_LEAST_ONCE");
        mode.setItemLabelGenerator(m -> m.equals("EXACTLY_ONCE") ? "Exactly once" : "At least once (faster)");
        restart.setLabel("When a task fails");
        restart.setItems("failure-rate", "fixed-delay", "exponential-delay", "none");
        restart.setItemLabelGenerator(r -> switch (r) {
            case "failure-rate" -> "Restart, give up after 3 failures in 5 min";
            case "fixed-delay" -> "Restart a fixed number of times";
            case "exponential-delay" -> "Restart with growing pauses";
            default -> "Fail the job at once";
        });
        ttl.setPlaceholder("forever");
        ttl.setHelperText("e.g. 1 h, 7 d: per-key state unused for this long is dropped");
        other.setPlaceholder("key = value, one per line\ne.g. table.exec.mini-batch.enabled = true");
        other.setHelperText("Any option SET accepts, for this job only");
        other.addClassName("eddy-mono");
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("30em", 2));
        add(parallelism, interval, mode, restart, ttl);
        add(other, 2);
        show(settings);
    }

    private void show(JobSettings s) {
        String p = s.get(JobSettings.PARALLELISM);
        parallelism.setValue(p.isEmpty() ? null : Integer.valueOf(p));
        interval.setValue(s.get(JobSettings.CHECKPOINT_INTERVAL));
        mode.setValue(s.get(JobSettings.CHECKPOINT_MODE).isEmpty() ? "EXACTLY_ONCE" : s.get(JobSettings.CHECKPOINT_MODE));
        restart.setValue(s.get(JobSettings.RESTART_STRATEGY).isEmpty() ? "failure-rate" : s.get(JobSettings.RESTART_STRATEGY));
        ttl.setValue(s.get(JobSettings.STATE_TTL));
        StringBuilder rest = new StringBuilder();
        s.options().forEach((k, v) -> {
            // failure-rate's own parameters come with the choice; only other strategies' show as options.
            if (!SHOWN.contains(k) && !(k.startsWith("restart-strategy.failure-rate.")
                    && JobSettings.defaults().get(k).equals(v))) {
                rest.append(k).append(" = ").append(v).append('\n');
            }
        });
        other.setValue(rest.toString().strip());
    }

    /** The settings as filled in; problems are found by {@link JobSettings#problems()}. */
    JobSettings settings() {
        Map<String, String> o = new LinkedHashMap<>();
        if (parallelism.getValue() != null) {
            o.put(JobSettings.PARALLELISM, String.valueOf(parallelism.getValue()));
        } else if (parallelism.isInvalid()) {
            o.put(JobSettings.PARALLELISM, "invalid");
        }
        put(o, JobSettings.CHECKPOINT_INTERVAL, interval.getValue());
        put(o, JobSettings.CHECKPOINT_MODE, mode.getValue());
        put(o, JobSettings.RESTART_STRATEGY, restart.getValue());
        if ("failure-rate".equals(restart.getValue())) {
            JobSettings.defaults().options().forEach((k, v) -> {
                if (k.startsWith("restart-strategy.failure-rate.")) {
                    o.put(k, v);
                }
            });
        }
        put(o, JobSettings.STATE_TTL, ttl.getValue());
        for (String line : other.getValue().split("\\R")) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = (eq < 0 ? line : line.substring(0, eq)).strip().replaceAll("^'|'$", "");
            String value = eq < 0 ? "" : line.substring(eq + 1).strip().replaceAll("^'|'$", "");
            o.put(key, value);
        }
        return new JobSettings(o);
    }

    private static void put(Map<String, String> o, String key, String value) {
        if (value != null && !value.isBlank()) {
            o.put(key, value.strip());
        }
    }
}
