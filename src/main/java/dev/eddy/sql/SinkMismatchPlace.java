package dev.eddy.sql;

import dev.eddy.gateway.GatewayException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.flink.sql.parser.dml.RichSqlInsert;

/**
 * Places Flink's "column types of query result and sink do not match" on the statement: the planner
 * names only the sink column's position, so Eddy finds the SELECT (or VALUES) item that feeds it.
 */
final class SinkMismatchPlace {
    private static final Pattern MISMATCH = Pattern.compile("Column types of query result and sink for '[^']+' do not match");
    private static final Pattern INCOMPATIBLE = Pattern.compile("Incompatible types for sink column '([^']+)' at position (\\d+)");
    private static final Pattern COUNT = Pattern.compile("Different number of columns");
    private static final Pattern QUERY_TYPES = Pattern.compile("Query schema: \\[([^\\]]*)]");
    private static final Pattern SINK_TYPES = Pattern.compile("Sink schema: +\\[([^\\]]*)]");

    private SinkMismatchPlace() {}

    /** The error placed on the query item that does not fit, with the two types in words; else the error as given. */
    static GatewayException place(GatewayException error, String statement) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        String said = message + "\n" + error.hint().orElse("") + "\n" + (error.detail() == null ? "" : error.detail());
        if (error.line().isPresent() || !MISMATCH.matcher(message).find()) {
            return error;
        }
        Optional<RichSqlInsert> insert = insert(statement);
        if (insert.isEmpty()) {
            return error;
        }
        Matcher incompatible = INCOMPATIBLE.matcher(said);
        if (incompatible.find()) {
            String column = incompatible.group(1);
            int position = Integer.parseInt(incompatible.group(2));
            int item = itemFeeding(insert.get(), column, position);
            Optional<SqlNode> node = item < 0 ? Optional.empty() : queryItem(insert.get().getSource(), item);
            if (node.isEmpty()) {
                return error;
            }
            String hint = types(said, position, column).orElse(error.hint().orElse(null));
            return at(error, node.get().getParserPosition(), hint);
        }
        if (COUNT.matcher(said).find()) {
            return queryItem(insert.get().getSource(), 0)
                    .map(first -> at(error, first.getParserPosition(), countHint(said).orElse(error.hint().orElse(null))))
                    .orElse(error);
        }
        return error;
    }

    private static GatewayException at(GatewayException error, SqlParserPos pos, String hint) {
        if (pos == null || pos.getLineNum() <= 0) {
            return error;
        }
        return new GatewayException(error.kind(), error.getMessage(), error.rootCause(), error.detail(),
                pos.getLineNum(), pos.getColumnNum(), hint);
    }

    private static Optional<RichSqlInsert> insert(String statement) {
        try {
            SqlNode node = SyntaxChecker.parse(statement);
            return node instanceof RichSqlInsert insert ? Optional.of(insert) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /**
     * Which query item feeds sink column {@code position}: the same position, or with a target
     * column list ({@code INSERT INTO t (b, a)}), where that list names the column. -1 when unknown.
     */
    private static int itemFeeding(RichSqlInsert insert, String column, int position) {
        SqlNodeList targets = insert.getTargetColumnList();
        if (targets == null || targets.isEmpty()) {
            return position;
        }
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i) instanceof SqlIdentifier id && id.getSimple().equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

    /** The n-th item of a SELECT list or of a VALUES row; empty when a {@code *} comes first (its columns are not written out). */
    private static Optional<SqlNode> queryItem(SqlNode source, int n) {
        if (source instanceof SqlOrderBy orderBy) {
            source = orderBy.query;
        }
        List<SqlNode> items;
        if (source instanceof SqlSelect select) {
            items = select.getSelectList().getList();
        } else if (source instanceof SqlCall call && call.getKind() == SqlKind.VALUES && !call.getOperandList().isEmpty()
                && call.getOperandList().get(0) instanceof SqlBasicCall row) {
            items = row.getOperandList();
        } else {
            return Optional.empty();
        }
        for (int i = 0; i < items.size(); i++) {
            SqlNode item = items.get(i);
            if (item instanceof SqlIdentifier id && id.isStar()) {
                // SELECT *, x: positions after a star are not the written ones; the star is the place.
                return Optional.of(item);
            }
            if (i == n) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    /** "The query gives INT where sink column total takes TIMESTAMP(3)." from the two schemas Flink printed. */
    private static Optional<String> types(String said, int position, String column) {
        Optional<String> query = field(QUERY_TYPES, said, position);
        Optional<String> sink = field(SINK_TYPES, said, position);
        if (query.isEmpty() || sink.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("This item gives " + query.get() + ", but sink column " + column + " takes "
                + sink.get() + ". Cast it (CAST(… AS " + sink.get() + ")) or change the sink column.");
    }

    private static Optional<String> countHint(String said) {
        Matcher q = QUERY_TYPES.matcher(said);
        Matcher s = SINK_TYPES.matcher(said);
        if (!q.find() || !s.find()) {
            return Optional.empty();
        }
        int queryCount = fields(q.group(1)).size();
        int sinkCount = fields(s.group(1)).size();
        return Optional.of("The query gives " + queryCount + (queryCount == 1 ? " column" : " columns") + ", the sink takes "
                + sinkCount + " (" + s.group(1) + "). Select one item per sink column, in its order, or name the"
                + " columns you write: INSERT INTO t (a, b) SELECT ….");
    }

    private static Optional<String> field(Pattern schema, String said, int position) {
        Matcher m = schema.matcher(said);
        if (!m.find()) {
            return Optional.empty();
        }
        List<String> fields = fields(m.group(1));
        if (position >= fields.size()) {
            return Optional.empty();
        }
        String f = fields.get(position);
        int colon = f.indexOf(": ");
        return Optional.of(colon < 0 ? f : f.substring(colon + 2));
    }

    /** "a: INT, b: DECIMAL(10, 2)" split at the commas between fields, not those inside a type. */
    private static List<String> fields(String schema) {
        List<String> fields = new java.util.ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < schema.length(); i++) {
            char c = schema.charAt(i);
            if (c == '(' || c == '<') {
                depth++;
            } else if (c == ')' || c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                fields.add(schema.substring(start, i).trim());
                start = i + 1;
            }
        }
        if (!schema.isBlank()) {
            fields.add(schema.substring(start).trim());
        }
        return fields;
    }
}
