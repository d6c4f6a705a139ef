package dev.eddy.observe;

import java.time.Instant;

/** A log line about one job: when, how severe, which process wrote it, the logger, and the message (with its trace's first lines). */
public record JobLogLine(Instant at, String level, String process, String logger, String message) {
    /** The line with its exception's classes and messages but without its frames: for the REST API, which shows no trace. */
    public JobLogLine withoutFrames() {
        String kept = message.lines().filter(l -> !l.startsWith("\tat ")).collect(java.util.stream.Collectors.joining("\n"));
        return new JobLogLine(at, level, process, logger, kept);
    }
}
