package dev.eddy.gateway;

import java.util.Optional;

/**
 * A failure from the SQL Gateway, told in the user's terms: what went wrong, where (line and column
 * when Flink says), what to do; the raw text from Flink is kept as {@link #detail()}.
 */
public class GatewayException extends RuntimeException {
    private final String rootCause;
    private final String detail;
    private final Integer line;
    private final Integer column;
    private final String hint;
    private final Kind kind;

    /** Broad classes of failure, for callers that react differently (e.g. reopen a lost session). */
    public enum Kind {
        SQL, SESSION_NOT_FOUND, UNREACHABLE, TIMEOUT, PROTOCOL
    }

    public GatewayException(Kind kind, String message, String rootCause, String detail, Integer line,
            Integer column, String hint) {
        super(message);
        this.kind = kind;
        this.rootCause = rootCause;
        this.detail = detail;
        this.line = line;
        this.column = column;
        this.hint = hint;
    }

    public Kind kind() {
        return kind;
    }

    /** The deepest cause Flink reported, class name included. */
    public String rootCause() {
        return rootCause;
    }

    /** Everything Flink said, stack traces included: for a "details" toggle, never the headline. */
    public String detail() {
        return detail;
    }

    public Optional<Integer> line() {
        return Optional.ofNullable(line);
    }

    public Optional<Integer> column() {
        return Optional.ofNullable(column);
    }

    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }

    /** Message, position and hint as one readable paragraph. */
    public String describe() {
        StringBuilder s = new StringBuilder(getMessage());
        if (line != null) {
            s.append(" (line ").append(line);
            if (column != null) {
                s.append(", column ").append(column);
            }
            s.append(')');
        }
        if (hint != null) {
            s.append(". ").append(hint);
        }
        return s.toString();
    }
}
