package dev.eddy.job;

import java.util.List;

/** One task of a job's graph: its operators' description, parallelism, state and traffic. */
public record JobVertex(String id, String name, int parallelism, String status, long recordsIn, long recordsOut,
        String backPressure, List<String> inputs) {}
