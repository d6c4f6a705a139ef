package dev.eddy.cluster;

/**
 * One TaskManager as its JobManager sees it: task slots in use, CPU, memory and the last heartbeat,
 * with its health in words. Sizes are bytes; a figure Flink did not report is -1.
 */
public record TaskManagerStatus(String id, int slots, int freeSlots, int cpuCores, double cpuLoad, long heapUsed,
        long heapMax, long processMemory, long millisSinceHeartbeat) {
    /** Two of Flink's default heartbeat intervals (10 s) without one: the TaskManager is late (given up at 50 s). */
    static final long LATE_HEARTBEAT_MILLIS = 20_000;

    public int slotsUsed() {
        return slots - freeSlots;
    }

    /** Its health in a few words, for the Cluster page. */
    public String health() {
        if (millisSinceHeartbeat > LATE_HEARTBEAT_MILLIS) {
            return "Not heard from for " + millisSinceHeartbeat / 1000 + " s";
        }
        // Heap use says little alone: a JVM fills its heap before it collects.
        return "Healthy";
    }
}
