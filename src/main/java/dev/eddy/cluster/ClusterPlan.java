package dev.eddy.cluster;

/**
 * Which Flink cluster Eddy uses: one in its own JVM, one it runs as separate processes, or someone
 * else's session cluster ({@code eddy.cluster.plan}).
 */
public enum ClusterPlan {
    /** A MiniCluster inside Eddy's JVM: the fastest first run; it stops with Eddy. */
    EMBEDDED("Embedded", 0),
    /** A JobManager and a TaskManager as their own JVMs, started, watched and restarted by Eddy; they outlive it. */
    SINGLE_NODE("Single node", 1),
    /**
     * Three nodes, each a JobManager, a TaskManager and a ZooKeeper peer: one JobManager leads, the others
     * stand by and take over its jobs when it or its whole node is lost.
     */
    THREE_NODE("Three nodes", 3),
    /** A session cluster Eddy does not run: its SQL Gateway and JobManager addresses are settings. */
    REMOTE("Remote session cluster", 0);

    private final String title;
    private final int nodes;

    ClusterPlan(String title, int nodes) {
        this.title = title;
        this.nodes = nodes;
    }

    /** How many nodes of processes Eddy runs for the plan: 0 when it runs none (in its JVM, or someone else's). */
    public int nodes() {
        return nodes;
    }

    public String title() {
        return title;
    }
}
