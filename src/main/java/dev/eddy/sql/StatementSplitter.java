package dev.eddy.sql;

import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.BEGIN;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.END;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.EXECUTE;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.SEMICOLON;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.SET;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.STATEMENT;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a script into statements at the semicolons Flink's lexer sees: semicolons in strings,
 * quoted names and comments do not split, nor do those inside
 * {@code EXECUTE STATEMENT SET BEGIN … END;}.
 */
public final class StatementSplitter {
    private StatementSplitter() {}

    /** Every non-empty statement of the script, in order. */
    public static List<SqlStatement> split(String script) {
        List<Piece> pieces = pieces(script);
        List<SqlStatement> statements = new ArrayList<>(pieces.size());
        for (Piece p : pieces) {
            statements.add(p.statement());
        }
        return statements;
    }

    /**
     * The statement to run for a cursor or selection: a selection runs as written (split when it
     * holds several statements); a bare cursor picks the statement it stands in, or the nearest one
     * before it when it stands in blank space after a semicolon.
     */
    public static List<SqlStatement> at(String script, int from, int to) {
        if (to > from) {
            String selected = script.substring(from, to);
            LineStarts lines = new LineStarts(script);
            int firstLine = lines.lineOf(from);
            List<SqlStatement> shifted = new ArrayList<>();
            for (SqlStatement s : split(selected)) {
                shifted.add(new SqlStatement(s.text(), s.start() + from, s.end() + from,
                        s.line() + firstLine - 1));
            }
            return shifted;
        }
        return statementAt(script, from).map(List::of).orElse(List.of());
    }

    /** The statement standing at the offset, or the nearest one before it, or else the first one. */
    public static Optional<SqlStatement> statementAt(String script, int offset) {
        List<Piece> pieces = pieces(script);
        Piece before = null;
        for (Piece p : pieces) {
            if (p.statement().covers(offset, p.terminatorEnd())) {
                return Optional.of(p.statement());
            }
            if (p.statement().start() <= offset) {
                before = p;
            }
        }
        if (before != null) {
            return Optional.of(before.statement());
        }
        return pieces.isEmpty() ? Optional.empty() : Optional.of(pieces.get(0).statement());
    }

    private record Piece(SqlStatement statement, int terminatorEnd) {}

    private static List<Piece> pieces(String script) {
        List<SqlToken> tokens = SqlLexer.tokens(script);
        LineStarts lines = new LineStarts(script);
        List<Piece> pieces = new ArrayList<>();
        int first = -1;
        boolean inStatementSet = false;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.is(SqlLexer.LONE_QUOTE)) {
                // An unterminated string runs to the end of the script, as it will for Flink.
                int begin = first >= 0 ? tokens.get(first).start() : t.start();
                int end = script.stripTrailing().length();
                pieces.add(piece(script, lines, begin, end, end));
                return pieces;
            }
            if (t.is(SEMICOLON) && !inStatementSet) {
                if (first >= 0) {
                    pieces.add(piece(script, lines, tokens.get(first).start(), tokens.get(i - 1).end(), t.end()));
                }
                first = -1;
                continue;
            }
            if (first < 0) {
                if (t.is(SEMICOLON)) {
                    continue;
                }
                first = i;
            }
            if (t.is(BEGIN) && startsStatementSet(tokens, first, i)) {
                inStatementSet = true;
            } else if (t.is(END) && inStatementSet) {
                inStatementSet = false;
            }
        }
        if (first >= 0) {
            SqlToken last = tokens.get(tokens.size() - 1);
            pieces.add(piece(script, lines, tokens.get(first).start(), last.end(), last.end()));
        }
        return pieces;
    }

    /** {@code EXECUTE STATEMENT SET BEGIN} or {@code STATEMENT SET BEGIN} opens a block of statements. */
    private static boolean startsStatementSet(List<SqlToken> tokens, int first, int begin) {
        int n = begin - first;
        if (n == 3 && tokens.get(first).is(EXECUTE)) {
            return tokens.get(first + 1).is(STATEMENT) && tokens.get(first + 2).is(SET);
        }
        return n == 2 && tokens.get(first).is(STATEMENT) && tokens.get(first + 1).is(SET);
    }

    private static Piece piece(String script, LineStarts lines, int start, int end, int terminatorEnd) {
        return new Piece(new SqlStatement(script.substring(start, end), start, end, lines.lineOf(start)),
                terminatorEnd);
    }
}
