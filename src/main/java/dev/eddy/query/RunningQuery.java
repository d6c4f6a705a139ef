package dev.eddy.query;

/** A statement running in the background; stopping it cancels its Flink job. */
public interface RunningQuery {
    void stop();

    boolean isDone();

    /** The result as it arrives. */
    ResultStream stream();
}
