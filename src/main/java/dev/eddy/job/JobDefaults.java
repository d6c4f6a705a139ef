package dev.eddy.job;

import dev.eddy.cluster.ClusterSettings;
import dev.eddy.cluster.ClusterSettingsStore;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The cluster settings in effect and the settings a new job starts with: the seed's, overridden by
 * the job defaults an admin set on the Cluster settings page. Read from the store once per change.
 */
@Component
public class JobDefaults {
    private final ClusterSettingsStore store;
    private final ClusterSettings seed;
    private volatile ClusterSettings current;

    public JobDefaults(ClusterSettingsStore store, dev.eddy.cluster.ClusterHosting hosting,
            @Value("${eddy.embedded.flink.task-slots:4}") int taskSlots,
            @Value("${eddy.embedded.flink.parallelism:1}") int parallelism) {
        this.store = store;
        Map<String, String> jobs = new TreeMap<>(JobSettings.defaults().options());
        if (hosting.plan().nodes() > 0) {
            // Eddy runs these clusters with 1 s heartbeats: a lost TaskManager is known within about a second,
            // so a 2 s pause restarts the job on live slots (or waits for the new TaskManager) without a second failure.
            jobs.put("restart-strategy.failure-rate.delay", MANAGED_RESTART_DELAY);
        }
        this.seed = ClusterSettings.seed(taskSlots, parallelism, jobs);
    }

    /** The pause before a job restarts on the plans Eddy runs as processes. */
    static final String MANAGED_RESTART_DELAY = "1 s";

    /** The cluster settings in effect: the newest version that did not fail, else the seed. */
    public ClusterSettings settings() {
        ClusterSettings c = current;
        if (c == null) {
            c = store.effective().map(ClusterSettingsStore.Version::settings).orElse(seed);
            current = c;
        }
        return c;
    }

    /** Reads the store again after a version was applied. */
    public void refresh() {
        current = null;
    }

    /** What a job deployed now starts with unless its own settings say otherwise. */
    public JobSettings jobSettings() {
        Map<String, String> o = new TreeMap<>(JobSettings.defaults().options());
        o.keySet().removeIf(k -> k.startsWith("restart-strategy.") || k.startsWith("execution.checkpointing.")
                || k.equals(JobSettings.PARALLELISM));
        o.putAll(settings().jobDefaults());
        return new JobSettings(o);
    }
}
