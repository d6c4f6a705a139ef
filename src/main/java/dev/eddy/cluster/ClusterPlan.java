package dev.eddy.cluster;

/**
 * Which Flink cluster Eddy uses: one in its own JVM, one it runs as separate processes, or someone
 * else's session cluster ({@code eddy.cluster.plan}).
 */
public enum ClusterPlan {
    /** A MiniCluster inside Eddy's JVM: the fastest first run; it stops with Eddy. */
    EMBEDDED("Embedded"),
    /** A JobManager and a TaskManager as their own JVMs, started, watched and restarted by Eddy; they outlive it. */
    SINGLE_NODE("Single node"),
    /** A session cluster Eddy does not run: its SQL Gateway and JobManager addresses are settings. */
    REMOTE("Remote session cluster");

    private final String title;

    ClusterPlan(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
