package dev.eddy.query;

import java.time.Instant;
import java.util.Optional;

/** A statement running in the background; stopping it cancels its Flink job. */
public interface RunningQuery {
    void stop();

    boolean isDone();

    /** The result as it arrives. */
    ResultStream stream();

    /** When the time limit for console queries will stop it; empty when there is none or the user lifted it. */
    Optional<Instant> stopsAt();

    /** Lifts the time limit for this query: it runs until stopped (the user watches it and wants it to go on). */
    void keepRunning();
}
