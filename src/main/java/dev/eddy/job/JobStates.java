package dev.eddy.job;

import java.util.Set;

/** Flink's job states, grouped the way Eddy acts on them. */
final class JobStates {
    private static final Set<String> ACTIVE = Set.of("CREATED", "INITIALIZING", "RUNNING", "RESTARTING",
            "FAILING", "CANCELLING", "RECONCILING", "SUSPENDED");

    private JobStates() {}

    /** Flink is (or will be) running it: not yet a terminal state. */
    static boolean isActive(String state) {
        return state != null && ACTIVE.contains(state);
    }
}
