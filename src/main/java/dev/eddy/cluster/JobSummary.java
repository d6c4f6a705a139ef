package dev.eddy.cluster;

import java.time.Duration;
import java.time.Instant;

/**
 * One job as the JobManager lists it.
 *
 * @param waitingTasks tasks not yet deployed (CREATED or SCHEDULED): they wait for task slots
 * @param runningTasks tasks running now
 */
public record JobSummary(String id, String name, String state, Instant started, Instant ended, Duration duration,
        int waitingTasks, int runningTasks) {

    /** A running job whose tasks wait for task slots (Flink tells it only when the slot request times out). */
    public boolean waitsForSlots() {
        return ("RUNNING".equals(state) || "CREATED".equals(state)) && waitingTasks > 0;
    }

    public boolean isRunning() {
        return "RUNNING".equals(state) || "CREATED".equals(state) || "RESTARTING".equals(state)
                || "INITIALIZING".equals(state);
    }
}
