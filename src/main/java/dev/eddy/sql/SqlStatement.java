package dev.eddy.sql;

/**
 * One statement of a script: its text without the closing semicolon, and where it sits in the
 * script (character offsets, {@code end} exclusive; 1-based first line).
 */
public record SqlStatement(String text, int start, int end, int line) {

    /** The script offset of a 1-based line and column of this statement, as Flink reports them. */
    public int offset(int lineInStatement, int column) {
        return start + new LineStarts(text).offset(lineInStatement, column);
    }

    /** Whether the offset lies within the statement or on its closing semicolon. */
    boolean covers(int offset, int terminatorEnd) {
        return offset >= start && offset <= terminatorEnd;
    }
}
