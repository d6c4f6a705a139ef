package dev.eddy.table;

/** A table operation that cannot be done, with the reason in words for the user. */
public class TableException extends RuntimeException {
    public TableException(String message) {
        super(message);
    }
}
