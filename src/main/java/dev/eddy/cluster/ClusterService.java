package dev.eddy.cluster;

import java.util.Comparator;
import java.util.List;
import dev.eddy.config.Endpoints;
import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import dev.eddy.store.Leadership;
import org.springframework.stereotype.Service;

/** What the console shows of the Flink cluster: its overview, its jobs, and where Flink's own UI is. */
@Service
public class ClusterService {
    private final JobManagerClient jobManager;
    private final Endpoints endpoints;
    private final ClusterSnapshot snapshot;
    private final Leadership leadership;
    private final ClusterNodes nodes;

    public ClusterService(JobManagerClient jobManager, Endpoints endpoints, ClusterSnapshot snapshot,
            Leadership leadership, ClusterNodes nodes) {
        this.nodes = nodes;
        this.jobManager = jobManager;
        this.endpoints = endpoints;
        this.snapshot = snapshot;
        this.leadership = leadership;
    }

    /** The cluster's figures from the shared snapshot (at most a tick old): no page waits on Flink. */
    @Requires(Role.VIEWER)
    public ClusterOverview overview() {
        ClusterSnapshot.Snapshot now = snapshot.latest();
        if (!now.answered()) {
            throw new ClusterException(now.problem().orElse("The Flink cluster did not answer"));
        }
        return now.overview();
    }

    /**
     * Which Eddy on the store runs the job watcher (restarts lost jobs, records checkpoints), in a
     * sentence: with several Eddys on one store, exactly one does and another takes over when it stops.
     */
    @Requires(Role.VIEWER)
    public String watcher() {
        String self = leadership.name().replaceFirst("^Eddy ", "");
        if (leadership.leads()) {
            return "This Eddy (" + self + ") runs the job watcher.";
        }
        return leadership.leader().map(other -> other + " runs the job watcher; this Eddy (" + self
                + ") takes over within seconds if it stops.").orElse("No Eddy runs the job watcher at this moment; "
                + "this one (" + self + ") takes it up within seconds.");
    }

    /** Which cluster plan runs, and the processes Eddy runs for it with their state and restarts. */
    @Requires(Role.VIEWER)
    public ClusterNodes.Nodes nodes() {
        List<ClusterNodes.NodeProcess> processes = nodes.processes();
        String leader = processes.stream().filter(ClusterNodes.NodeProcess::leader).map(ClusterNodes.NodeProcess::name)
                .findFirst().orElse(null);
        return new ClusterNodes.Nodes(nodes.plan(), nodes.plan().title(), processes, nodes.stateStorage(), leader);
    }

    /** Each TaskManager's slots, CPU, memory and health, read from the JobManager now (call it off the UI thread). */
    @Requires(Role.VIEWER)
    public List<TaskManagerStatus> taskManagers() {
        return jobManager.taskManagers();
    }

    /** Every job the cluster knows, newest first. */
    @Requires(Role.VIEWER)
    public List<JobSummary> jobs() {
        return jobManager.jobs().stream()
                .sorted(Comparator.comparing(JobSummary::started, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    /**
     * The cluster's effective Flink configuration for admins: task slots, restart strategy, state
     * backend, checkpoint storage. Values of keys that name a secret are hidden, whatever Flink did.
     */
    @Requires(Role.ADMIN)
    public java.util.Map<String, String> settings() {
        java.util.Map<String, String> settings = new java.util.TreeMap<>(jobManager.configuration());
        settings.replaceAll((key, value) -> SENSITIVE.matcher(key).find() ? "******" : value);
        return settings;
    }

    private static final java.util.regex.Pattern SENSITIVE = java.util.regex.Pattern.compile(
            "(?i)password|secret|token|credential|access[.-]?key|private[.-]?key|jaas");

    /** The JobManager's REST address, as Eddy reaches it (often loopback: not a link for a browser elsewhere). */
    @Requires(Role.VIEWER)
    public String webUiUrl() {
        return jobManager.baseUrl();
    }

    /** Flink's web UI as served through Eddy behind its sign-in, relative to the console. */
    @Requires(Role.VIEWER)
    public String webUiLink() {
        return "flink/";
    }

    /** Where the SQL Gateway that runs the console's statements listens. */
    @Requires(Role.VIEWER)
    public String gatewayUrl() {
        return endpoints.gatewayUrl();
    }
}
