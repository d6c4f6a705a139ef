package dev.eddy.table;

/** A table operation that cannot be done, with the reason in words for the user. */
public class TableException extends RuntimeException {
    public TableException(String message) {
        super(message);
    }

    /** There is no such table. */
    public static TableException missing(String message) {
        return new Missing(message);
    }

    private static final class Missing extends TableException implements dev.eddy.config.NotFound {
        Missing(String message) {
            super(message);
        }
    }
}
