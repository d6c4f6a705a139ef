package dev.eddy.cluster;

/** The cluster at a glance, as the JobManager's /overview reports it. */
public record ClusterOverview(String flinkVersion, int taskManagers, int slotsTotal, int slotsAvailable,
        int jobsRunning, int jobsFinished, int jobsCancelled, int jobsFailed) {}
