package dev.eddy.sql;

import org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants;

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

    /** Whether the statement only reads (starts with SELECT or VALUES): safe to run without asking. */
    public boolean isQuery() {
        java.util.List<SqlToken> tokens = SqlLexer.tokens(text);
        return !tokens.isEmpty() && (tokens.get(0).is(FlinkSqlParserImplConstants.SELECT)
                || tokens.get(0).is(FlinkSqlParserImplConstants.VALUES));
    }

    /** Whether the offset lies within the statement or on its closing semicolon. */
    boolean covers(int offset, int terminatorEnd) {
        return offset >= start && offset <= terminatorEnd;
    }
}
