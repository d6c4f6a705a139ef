package dev.eddy.query;

/** How a statement run from the console ended. */
public enum Outcome {
    /** The result ended, or the statement (DDL, SET, INSERT submission) was done. */
    SUCCEEDED,
    /** Flink or the gateway reported an error. */
    FAILED,
    /** The user stopped it, or it reached the row cap. */
    STOPPED
}
