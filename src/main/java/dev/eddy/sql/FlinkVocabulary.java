package dev.eddy.sql;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.flink.sql.parser.impl.FlinkSqlParserImpl;
import org.apache.flink.table.functions.BuiltInFunctionDefinition;
import org.apache.flink.table.functions.BuiltInFunctionDefinitions;
import org.apache.flink.table.functions.SqlCallSyntax;
import org.apache.flink.table.types.inference.Signature;

/**
 * Flink SQL's words, read from Flink itself: the keywords of its parser (which of them are reserved,
 * so names that clash get quoted) and its built-in functions with their signatures.
 */
public final class FlinkVocabulary {
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Words that begin a statement, with what they do. */
    static final Map<String, String> STATEMENT_STARTS = starts();

    private final List<String> keywords;
    private final Set<String> reserved;
    private static final Set<String> WITHOUT_PARENTHESES = Set.of("CURRENT_DATE", "CURRENT_TIME", "LOCALTIME",
            "CURRENT_TIMESTAMP", "LOCALTIMESTAMP");
    /** Functions written as calls although Flink describes their syntax specially (CAST(x AS t) and the like). */
    private static final Set<String> SPECIAL_CALLS = Set.of("CAST", "TRY_CAST", "SUBSTRING", "FLOOR", "CEIL", "TRIM",
            "OVERLAY", "POSITION", "EXTRACT", "TIMESTAMPDIFF", "IS_JSON", "JSON_VALUE", "JSON_EXISTS", "JSON_QUERY",
            "JSON_OBJECT", "JSON_ARRAY", "JSON_OBJECTAGG", "JSON_ARRAYAGG");

    private static final FlinkVocabulary INSTANCE = new FlinkVocabulary();

    /** A built-in function: what completing it inserts, and its signatures. */
    public record Function(String apply, List<String> signatures) {}

    private final Map<String, Function> signatures;

    private FlinkVocabulary() {
        SqlAbstractParserImpl.Metadata metadata = FlinkSqlParserImpl.FACTORY.getParser(new StringReader(""))
                .getMetadata();
        Set<String> words = new TreeSet<>();
        Set<String> reservedWords = new TreeSet<>();
        for (String token : metadata.getTokens()) {
            if (PLAIN_NAME.matcher(token).matches() && metadata.isKeyword(token)) {
                words.add(token);
                if (metadata.isReservedWord(token)) {
                    reservedWords.add(token);
                }
            }
        }
        keywords = List.copyOf(words);
        reserved = Collections.unmodifiableSet(reservedWords);
        Map<String, Function> found = new LinkedHashMap<>();
        for (BuiltInFunctionDefinition d : BuiltInFunctionDefinitions.getDefinitions()) {
            String name = d.getSqlName() == null ? null : d.getSqlName().toUpperCase(Locale.ROOT);
            if (d.isInternal() || name == null || !PLAIN_NAME.matcher(name).matches() || name.startsWith("AGG_")) {
                continue;
            }
            String apply;
            if (WITHOUT_PARENTHESES.contains(name)) {
                apply = name;
            } else if (d.getCallSyntax() == SqlCallSyntax.FUNCTION || SPECIAL_CALLS.contains(name)) {
                apply = name + "(";
            } else {
                // Operators Flink models as functions (AND, LIKE, OVER…) are keywords to the user.
                continue;
            }
            List<String> forms = new ArrayList<>(found.containsKey(name) ? found.get(name).signatures() : List.of());
            try {
                for (Signature s : d.getTypeInference(null).getInputTypeStrategy().getExpectedSignatures(d)) {
                    forms.add(render(name, s));
                }
            } catch (RuntimeException e) {
                // A function whose signature cannot be described is still worth completing by name.
            }
            found.put(name, new Function(apply, List.copyOf(forms)));
        }
        signatures = Collections.unmodifiableMap(found);
    }

    public static FlinkVocabulary get() {
        return INSTANCE;
    }

    /** Every keyword of Flink SQL, in capitals, sorted. */
    public List<String> keywords() {
        return keywords;
    }

    /** Built-in functions by name (capitals), with signatures such as {@code TO_TIMESTAMP_LTZ(epoch <NUMERIC>, ...)}. */
    public Map<String, Function> functions() {
        return signatures;
    }

    /**
     * The words to highlight as keywords: the reserved ones, and the non-reserved words that start or
     * shape Flink statements. Other non-reserved keywords (NAME, STATUS, VALUE…) are common column
     * names and stay plain.
     */
    public List<String> highlighted() {
        Set<String> words = new TreeSet<>(reserved);
        for (String w : List.of("WATERMARK", "TEMPORARY", "CATALOG", "CATALOGS", "DATABASE", "DATABASES", "TABLES",
                "VIEWS", "FUNCTIONS", "MODULES", "JARS", "JOBS", "JOB", "SHOW", "DESCRIBE", "EXPLAIN", "USE", "RESET",
                "IF", "PARTITIONED", "COMMENT", "ENFORCED", "STATEMENT", "STOP", "SAVEPOINT", "DESCRIPTOR", "LIMIT",
                "OFFSET", "REPLACE", "ANALYZE", "COMPILE", "PLAN", "MATERIALIZED", "FRESHNESS", "PRECEDING",
                "FOLLOWING", "UNBOUNDED", "ROW", "ROWS", "RANGE")) {
            if (keywords.contains(w)) {
                words.add(w);
            }
        }
        return List.copyOf(words);
    }

    /** Whether the word is reserved in Flink SQL, so it cannot be a name unless back-quoted. */
    public boolean isReserved(String word) {
        return reserved.contains(word.toUpperCase(Locale.ROOT));
    }

    /** The name as it must be written in SQL: back-quoted when it is reserved or not a plain name. */
    public String quoteIfNeeded(String name) {
        if (PLAIN_NAME.matcher(name).matches() && !reserved.contains(name.toUpperCase(Locale.ROOT))) {
            return name;
        }
        return "`" + name.replace("`", "``") + "`";
    }

    private static String render(String name, Signature signature) {
        List<String> args = new ArrayList<>();
        for (Signature.Argument a : signature.getArguments()) {
            args.add(a.getName().map(n -> n + " " + a.getType()).orElse(a.getType()));
        }
        return name + "(" + String.join(", ", args) + ")";
    }

    private static Map<String, String> starts() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("SELECT", "query rows");
        m.put("INSERT INTO", "write a query's rows into a table (a job)");
        m.put("CREATE TABLE", "declare a table over a topic, database table or other connector");
        m.put("CREATE TEMPORARY TABLE", "a table for this session only");
        m.put("CREATE VIEW", "name a query");
        m.put("CREATE FUNCTION", "register a user function");
        m.put("CREATE CATALOG", "add a catalog");
        m.put("CREATE DATABASE", "add a database to the current catalog");
        m.put("ALTER TABLE", "change a table");
        m.put("DROP TABLE", "remove a table");
        m.put("DROP VIEW", "remove a view");
        m.put("DESCRIBE", "columns of a table");
        m.put("EXPLAIN", "the plan of a statement");
        m.put("EXECUTE STATEMENT SET", "several INSERTs as one job");
        m.put("SHOW TABLES", "tables of the current database");
        m.put("SHOW CREATE TABLE", "the DDL of a table");
        m.put("SHOW CATALOGS", "catalogs of the session");
        m.put("SHOW DATABASES", "databases of the current catalog");
        m.put("SHOW FUNCTIONS", "functions");
        m.put("SHOW JOBS", "jobs of the cluster");
        m.put("SET", "set a session option");
        m.put("RESET", "reset session options");
        m.put("USE", "change the current database");
        m.put("USE CATALOG", "change the current catalog");
        m.put("WITH", "a query with named subqueries");
        m.put("STOP JOB", "stop a job");
        return Collections.unmodifiableMap(m);
    }
}
