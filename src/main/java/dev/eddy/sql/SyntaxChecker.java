package dev.eddy.sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.config.Lex;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.flink.sql.parser.dml.RichSqlInsert;
import org.apache.flink.sql.parser.dml.SqlExecute;
import org.apache.flink.sql.parser.dml.SqlStatementSet;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.flink.sql.parser.impl.FlinkSqlParserImpl;
import org.apache.flink.sql.parser.validate.FlinkSqlConformance;

/**
 * Checks the syntax of each statement of a script with Flink's own parser, as the user types,
 * and places each error on the script's line and column.
 */
public final class SyntaxChecker {
    private static final int MAX_EXPECTED = 8;
    static final SqlParser.Config CONFIG = SqlParser.config()
            .withParserFactory(FlinkSqlParserImpl.FACTORY)
            .withConformance(FlinkSqlConformance.DEFAULT)
            .withLex(Lex.JAVA)
            .withIdentifierMaxLength(256);

    private SyntaxChecker() {}

    /** The syntax errors of a script, at most one per statement. */
    public static List<SyntaxProblem> check(String script) {
        List<SyntaxProblem> problems = new ArrayList<>();
        for (SqlStatement statement : StatementSplitter.split(script)) {
            check(statement).ifPresent(problems::add);
        }
        return problems;
    }

    /**
     * The tables an INSERT (or a statement set of them) writes, each as its name parts; empty for
     * any other statement and for one that does not parse.
     */
    public static List<List<String>> insertTargets(String statement) {
        SqlNode node;
        try {
            node = SqlParser.create(statement, CONFIG).parseStmt();
        } catch (SqlParseException | RuntimeException e) {
            return List.of();
        }
        if (node instanceof SqlExecute execute) {
            node = execute.getStatement();
        }
        List<RichSqlInsert> inserts = node instanceof SqlStatementSet set ? set.getInserts()
                : node instanceof RichSqlInsert insert ? List.of(insert) : List.of();
        List<List<String>> targets = new ArrayList<>();
        for (RichSqlInsert insert : inserts) {
            SqlNode target = insert.getTargetTable();
            if (target instanceof org.apache.calcite.sql.SqlTableRef ref) {
                target = ref.operand(0);
            }
            if (target instanceof SqlIdentifier id) {
                targets.add(List.copyOf(id.names));
            }
        }
        return targets;
    }

    /** One statement parsed by Flink's parser, as the gateway would parse it. */
    static SqlNode parse(String statement) throws SqlParseException {
        return SqlParser.create(statement, CONFIG).parseStmt();
    }

    /** The syntax error of one statement of a script, placed in the script. */
    public static Optional<SyntaxProblem> check(SqlStatement statement) {
        try {
            SqlParser.create(statement.text(), CONFIG).parseStmt();
            return Optional.empty();
        } catch (SqlParseException e) {
            return Optional.of(problem(statement, e));
        } catch (RuntimeException e) {
            // The parser's own validation (e.g. a bad literal) can throw unchecked errors.
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
            return Optional.of(new SyntaxProblem(message, statement.start(), statement.end(), statement.line(), 1));
        }
    }

    private static SyntaxProblem problem(SqlStatement statement, SqlParseException e) {
        LineStarts lines = new LineStarts(statement.text());
        SqlParserPos pos = e.getPos();
        int from;
        int to;
        int line;
        int column;
        if (pos == null || pos.getLineNum() <= 0) {
            from = statement.start();
            to = statement.end();
            line = statement.line();
            column = 1;
        } else {
            from = statement.start() + lines.offset(pos.getLineNum(), pos.getColumnNum());
            int endOffset = statement.start() + lines.offset(pos.getEndLineNum(), pos.getEndColumnNum()) + 1;
            to = Math.max(from + 1, Math.min(endOffset, statement.end()));
            line = statement.line() + pos.getLineNum() - 1;
            column = pos.getColumnNum();
            if (from >= statement.end()) {
                // "Encountered <EOF>": mark the statement's last character, where more was expected.
                from = Math.max(statement.start(), statement.end() - 1);
                to = statement.end();
            }
        }
        return new SyntaxProblem(message(e), from, to, line, column);
    }

    static String message(SqlParseException e) {
        String first = firstLine(e.getMessage() == null ? "" : e.getMessage());
        String expected = expected(e);
        if (first.startsWith("Encountered \"<EOF>\"")) {
            return "The statement ends too early" + (expected.isEmpty() ? "" : ": expected " + expected);
        }
        if (first.startsWith("Encountered \"")) {
            int close = first.indexOf("\" at line");
            String found = close > 0 ? first.substring("Encountered \"".length(), close) : "?";
            String text = "Unexpected " + found + (expected.isEmpty() ? "" : ": expected " + expected);
            if (expected.contains("a name") && found.matches("[A-Za-z_]+")
                    && FlinkVocabulary.get().isReserved(found)) {
                // FROM order: a table called like a keyword must be quoted.
                text += ". " + found + " is a reserved word in Flink SQL: to use it as a name, write it in back-quotes (`"
                        + found + "`)";
            }
            return text;
        }
        first = first.replaceFirst(" at line \\d+, column \\d+\\.?$", "")
                .replaceFirst("^Incorrect syntax near the keyword '(.*)'$", "Unexpected $1 here");
        first = first.replaceFirst("^(At|From) line \\d+, column \\d+( to line \\d+, column \\d+)?: ", "");
        return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
    }

    /** A short list of what the parser would have accepted, keywords in capitals, no internals. */
    private static String expected(SqlParseException e) {
        int[][] sequences = e.getExpectedTokenSequences();
        String[] images = e.getTokenImages();
        if (sequences == null || images == null) {
            return "";
        }
        Set<String> names = new LinkedHashSet<>();
        for (int[] sequence : sequences) {
            if (sequence.length == 0) {
                continue;
            }
            String image = images[sequence[0]];
            if (image.startsWith("\"") && image.endsWith("\"") && image.length() > 2) {
                names.add(image.substring(1, image.length() - 1));
            } else if (image.equals("<IDENTIFIER>") || image.equals("<QUOTED_IDENTIFIER>")
                    || image.equals("<BACK_QUOTED_IDENTIFIER>")) {
                names.add("a name");
            } else if (image.contains("LITERAL") || image.equals("<QUOTED_STRING>")) {
                names.add("a value");
            }
        }
        // A long list (anything may follow here) helps nobody: say only what a short one says.
        if (names.isEmpty() || names.size() > MAX_EXPECTED) {
            return "";
        }
        List<String> list = new ArrayList<>(names);
        if (list.size() == 1) {
            return list.get(0);
        }
        return String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }
}
