package dev.eddy.cluster;

/**
 * Whether the Flink cluster lives and dies with Eddy (the embedded one) or runs on its own (a
 * remote session cluster): jobs are stopped with a savepoint only in the first case.
 */
public record ClusterHosting(boolean stopsWithEddy) {}
