package dev.eddy.job;

/** A job could not be deployed, stopped or restarted; the message says why and what to do. */
public class JobException extends RuntimeException {
    public JobException(String message) {
        super(message);
    }

    public JobException(String message, Throwable cause) {
        super(message, cause);
    }

    /** There is no such job. */
    public static JobException missing(String message) {
        return new Missing(message);
    }

    private static final class Missing extends JobException implements dev.eddy.config.NotFound {
        Missing(String message) {
            super(message);
        }
    }
}
