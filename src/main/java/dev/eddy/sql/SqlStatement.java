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

    /** The end (script offset) of the token that starts at or covers {@code offset}: what an error there marks. */
    public int tokenEnd(int offset) {
        for (SqlToken t : SqlLexer.tokens(text)) {
            if (t.start() + start <= offset && offset < t.end() + start) {
                return t.end() + start;
            }
        }
        return Math.min(end, offset + 1);
    }

    /** Whether the offset lies within the statement or on its closing semicolon. */
    boolean covers(int offset, int terminatorEnd) {
        return offset >= start && offset <= terminatorEnd;
    }
}
