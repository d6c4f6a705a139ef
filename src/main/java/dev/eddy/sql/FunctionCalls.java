package dev.eddy.sql;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * The functions a statement calls by name (user functions as the parser sees them, before Flink
 * resolves them): {@code shout(name)} is "shout", {@code eddy.db.shout(name)} is "eddy.db.shout".
 */
public final class FunctionCalls {
    private static final java.util.Map<String, FlinkVocabulary.Function> BUILT_IN = FlinkVocabulary.get().functions();

    private FunctionCalls() {}

    /** The called names in lower case, as written; empty when the statement does not parse. */
    public static Set<String> in(String statement) {
        Set<String> names = new TreeSet<>();
        SqlNode node;
        try {
            node = SqlParser.create(statement.strip().replaceAll(";+$", ""), SyntaxChecker.CONFIG).parseStmt();
        } catch (SqlParseException | RuntimeException e) {
            return names;
        }
        node.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call.getOperator() instanceof SqlFunction f && f.getSqlIdentifier() != null) {
                    String name = String.join(".", f.getSqlIdentifier().names);
                    // Flink's parser leaves every call unresolved; its own functions are known by name.
                    if (!BUILT_IN.containsKey(name.toUpperCase(Locale.ROOT))) {
                        names.add(name.toLowerCase(Locale.ROOT));
                    }
                }
                for (SqlNode operand : call.getOperandList()) {
                    if (operand != null) {
                        operand.accept(this);
                    }
                }
                return null;
            }

            @Override
            public Void visit(SqlNodeList list) {
                for (SqlNode item : list) {
                    if (item != null) {
                        item.accept(this);
                    }
                }
                return null;
            }
        });
        return names;
    }
}
