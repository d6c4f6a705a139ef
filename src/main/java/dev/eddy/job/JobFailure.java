package dev.eddy.job;

import java.time.Instant;

/** A failure of a run in words (root cause first), with the task it hit and Flink's full trace. */
public record JobFailure(Instant at, String task, String cause, String trace) {}
