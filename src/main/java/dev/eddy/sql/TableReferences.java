package dev.eddy.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlTableRef;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The tables a statement reads, where they are written in its text: for a rewrite that adds a hint
 * after a table's name and leaves every other character as the user wrote it.
 */
public final class TableReferences {
    private TableReferences() {}

    /**
     * A table read in a FROM clause.
     *
     * @param end the offset just after the table's name in the statement
     * @param hinted whether the user gave it hints already (another hint block cannot follow)
     */
    public record TableReference(List<String> names, int end, boolean hinted) {
        public String table() {
            return names.get(names.size() - 1);
        }
    }

    /** The tables read by a statement, in text order; empty when it does not parse. */
    public static List<TableReference> in(String statement) {
        SqlNode node;
        try {
            node = SyntaxChecker.parse(statement);
        } catch (SqlParseException | RuntimeException e) {
            return List.of();
        }
        List<TableReference> found = new ArrayList<>();
        visit(node, new LineStarts(statement), found);
        found.sort(java.util.Comparator.comparingInt(TableReference::end));
        return found;
    }

    private static void visit(SqlNode node, LineStarts lines, List<TableReference> found) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlSelect select) {
            from(select.getFrom(), lines, found);
            for (SqlNode operand : select.getOperandList()) {
                if (operand != select.getFrom()) {
                    visit(operand, lines, found);
                }
            }
        } else if (node instanceof SqlNodeList list) {
            list.forEach(n -> visit(n, lines, found));
        } else if (node instanceof org.apache.flink.sql.parser.dml.RichSqlInsert insert) {
            // The target is written, not read; only the query feeding it reads tables.
            visit(insert.getSource(), lines, found);
        } else if (node instanceof org.apache.flink.sql.parser.dml.SqlStatementSet set) {
            set.getInserts().forEach(i -> visit(i, lines, found));
        } else if (node instanceof org.apache.flink.sql.parser.dml.SqlExecute execute) {
            visit(execute.getStatement(), lines, found);
        } else if (node instanceof SqlCall call && call.getKind() == SqlKind.EXPLICIT_TABLE
                && call.operand(0) instanceof SqlIdentifier id) {
            // TABLE t inside a window function takes no hint: listed, but as one that cannot get one.
            found.add(new TableReference(List.copyOf(id.names), end(id.getParserPosition(), lines), true));
        } else if (node instanceof SqlCall call) {
            for (SqlNode operand : call.getOperandList()) {
                visit(operand, lines, found);
            }
        }
    }

    /** A FROM clause: tables, joins, aliases and subqueries. */
    private static void from(SqlNode from, LineStarts lines, List<TableReference> found) {
        if (from instanceof SqlIdentifier id) {
            found.add(new TableReference(List.copyOf(id.names), end(id.getParserPosition(), lines), false));
        } else if (from instanceof SqlTableRef ref && ref.operand(0) instanceof SqlIdentifier id) {
            found.add(new TableReference(List.copyOf(id.names), end(id.getParserPosition(), lines), true));
        } else if (from instanceof SqlJoin join) {
            from(join.getLeft(), lines, found);
            from(join.getRight(), lines, found);
            visit(join.getCondition(), lines, found);
        } else if (from instanceof SqlBasicCall call && call.getKind() == SqlKind.AS) {
            from(call.operand(0), lines, found);
        } else {
            // A subquery, LATERAL TABLE(…), UNNEST, a window TVF: its own tables are inside.
            visit(from, lines, found);
        }
    }

    private static int end(SqlParserPos pos, LineStarts lines) {
        return lines.offset(pos.getEndLineNum(), pos.getEndColumnNum()) + 1;
    }
}
