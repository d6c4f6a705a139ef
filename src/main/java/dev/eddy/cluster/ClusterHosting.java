package dev.eddy.cluster;

/**
 * Which cluster Eddy uses and whether it lives and dies with Eddy (the embedded one, or a single node
 * set to stop with it) or runs on its own: jobs are stopped with a savepoint only in the first case.
 */
public record ClusterHosting(boolean stopsWithEddy, ClusterPlan plan) {}
