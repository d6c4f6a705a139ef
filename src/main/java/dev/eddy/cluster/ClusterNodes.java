package dev.eddy.cluster;

import java.util.List;

/** The plan of the Flink cluster Eddy uses and the processes it runs for it (none for the embedded and remote plans). */
public interface ClusterNodes {
    ClusterPlan plan();

    List<NodeProcess> processes();

    /** Where the cluster keeps checkpoints and savepoints, in words; null when Eddy does not run the cluster. */
    String stateStorage();

    /** Each JobManager's REST address by node number, when the cluster has several (one leads); else empty. */
    default java.util.Map<Integer, String> jobManagers() {
        return java.util.Map.of();
    }

    /**
     * One JVM of the cluster as Eddy sees it; {@code restarts} counts the times Eddy started it again after
     * it stopped; {@code leader} marks the JobManager that leads a cluster of several; {@code started} is
     * when the running process started (its uptime), null when it does not run.
     */
    record NodeProcess(String name, Long pid, boolean running, int restarts, boolean leader, java.time.Instant started) {}

    /** The plan and its processes, as the console and the API show them; {@code leader} names the leading JobManager of several. */
    record Nodes(ClusterPlan plan, String planTitle, List<NodeProcess> processes, String stateStorage, String leader) {}
}
