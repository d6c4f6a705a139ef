package dev.eddy.cluster;

/** The JobManager could not be reached or refused a request; the message says which and why. */
public class ClusterException extends RuntimeException {
    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
