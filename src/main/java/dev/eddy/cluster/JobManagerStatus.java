package dev.eddy.cluster;

/** The leading JobManager's heap (bytes, -1 unknown) and CPU load (0 to 1 of the machine, -1 unknown). */
public record JobManagerStatus(long heapUsed, long heapMax, double cpuLoad) {}
