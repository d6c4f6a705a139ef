package dev.eddy.job;

/** A job could not be deployed, stopped or restarted; the message says why and what to do. */
public class JobException extends RuntimeException {
    public JobException(String message) {
        super(message);
    }

    public JobException(String message, Throwable cause) {
        super(message, cause);
    }
}
