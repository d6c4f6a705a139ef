package dev.eddy.query;

/** A statement run for a script cannot be found or read as asked; the message says why. */
public class StatementException extends RuntimeException {
    public StatementException(String message) {
        super(message);
    }

    /** There is no such statement for this caller. */
    public static StatementException missing(String message) {
        return new Missing(message);
    }

    private static final class Missing extends StatementException implements dev.eddy.config.NotFound {
        Missing(String message) {
            super(message);
        }
    }
}
