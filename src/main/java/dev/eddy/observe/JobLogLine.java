package dev.eddy.observe;

import java.time.Instant;

/** A log line about one job: when, how severe, which process wrote it, the logger, and the message (with its trace's first lines). */
public record JobLogLine(Instant at, String level, String process, String logger, String message) {}
