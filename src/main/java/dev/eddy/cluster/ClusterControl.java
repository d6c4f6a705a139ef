package dev.eddy.cluster;

import java.util.Map;

/** What Eddy can do to the cluster it runs: restart it with other settings (slots, state backend). */
public interface ClusterControl {
    /** How a change of the cluster's own settings takes effect on this plan. */
    enum Restart {
        /** Eddy restarts the cluster's processes now (the plans of processes). */
        NOW,
        /** The cluster runs inside Eddy: at Eddy's next start. */
        AT_NEXT_START,
        /** Eddy does not run the cluster (remote): an admin sets them on the cluster itself. */
        NOT_EDDYS
    }

    Restart restart();

    /**
     * Keeps {@code settings} (the cluster-level ones) for every later start and, when {@link #restart()}
     * is {@link Restart#NOW}, restarts the cluster's JobManagers and TaskManagers with them and waits until
     * every TaskManager has registered; throws in words when the cluster does not come back.
     */
    void restartWith(Map<String, String> settings);
}
