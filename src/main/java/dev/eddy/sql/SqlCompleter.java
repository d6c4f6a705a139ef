package dev.eddy.sql;

import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.BACK_QUOTED_IDENTIFIER;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.CATALOG;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.CREATE;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.DESC;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.DESCRIBE;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.DOT;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.EXISTS;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.FROM;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.IDENTIFIER;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.INTO;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.JOIN;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.SEMICOLON;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.TABLE;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.TEMPORARY;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.USE;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.VIEW;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Suggests what may be typed at a place in a script, from the tokens Flink's lexer reads around it:
 * statement keywords, tables after FROM/JOIN/INTO, columns of the tables in scope (aliases
 * understood), functions with signatures, and inside a WITH clause option keys and values, Kafka
 * topics and PostgreSQL tables. Pure: everything it knows is passed in, nothing is fetched.
 */
public final class SqlCompleter {
    static final int LIMIT = 200;
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private final FlinkVocabulary vocabulary = FlinkVocabulary.get();
    private final WithClauseCompleter withClause = new WithClauseCompleter();

    /** The suggestions at {@code cursor}; {@code explicit} when the user asked (Ctrl+Space) rather than typed. */
    public Completions complete(String script, int cursor, boolean explicit, SessionObjects session,
            ExternalObjects external) {
        cursor = Math.max(0, Math.min(cursor, script.length()));
        SqlStatement statement = statementAround(script, cursor);
        int start = statement == null ? cursor : statement.start();
        List<SqlToken> before = shift(SqlLexer.tokens(script.substring(start, cursor)), start);
        List<SqlToken> whole = statement == null ? before
                : shift(SqlLexer.tokens(script.substring(start, Math.max(cursor, statement.end()))), start);
        StatementScope scope = StatementScope.of(whole, session);

        for (int q = 0; q < before.size(); q++) {
            if (before.get(q).is(SqlLexer.LONE_QUOTE)) {
                // Flink's lexer reads an unterminated string as a lone quote and goes on: the cursor is in it.
                SqlToken quote = before.get(q);
                boolean closed = cursor < script.length() && script.charAt(cursor) == '\'';
                return withClause.inString(before.subList(0, q), whole, script.substring(quote.end(), cursor), quote.end(),
                        cursor, closed, external);
            }
        }
        SqlToken last = before.isEmpty() ? null : before.get(before.size() - 1);
        String partial = "";
        int from = cursor;
        List<SqlToken> context = before;
        if (last != null && last.end() == cursor && (WORD.matcher(last.image()).matches()
                || last.is(BACK_QUOTED_IDENTIFIER))) {
            partial = last.is(BACK_QUOTED_IDENTIFIER) ? last.unquoted() : last.image();
            from = last.start();
            context = before.subList(0, before.size() - 1);
        }
        List<String> qualifier = new ArrayList<>();
        int i = context.size();
        while (i >= 2 && context.get(i - 1).is(DOT) && isName(context.get(i - 2))) {
            qualifier.add(0, context.get(i - 2).unquoted());
            i -= 2;
        }
        context = context.subList(0, i);
        List<Completion> found = new ArrayList<>();
        boolean strong;
        if (context.isEmpty() && qualifier.isEmpty()) {
            statementStarts(found);
            strong = false;
        } else if (namesNewObject(context)) {
            return Completions.none(cursor);
        } else if (isTablePosition(context)) {
            tables(found, qualifier, session);
            strong = true;
        } else if (endsWith(context, USE, CATALOG)) {
            session.databases().keySet().forEach(c -> found.add(Completion.of(quote(c), "catalog", "catalog")));
            strong = true;
        } else if (endsWith(context, USE)) {
            databases(found, session.currentCatalog(), session);
            session.databases().keySet().forEach(c -> found.add(Completion.of(quote(c), "catalog", "catalog")));
            strong = true;
        } else if (!qualifier.isEmpty()) {
            Optional<SessionObjects.Table> table = scope.resolve(qualifier.get(qualifier.size() - 1));
            if (table.isPresent()) {
                columns(found, table.get(), 50);
            } else {
                tables(found, qualifier, session);
            }
            strong = true;
        } else {
            scope.tables().forEach(t -> columns(found, t, 30));
            functions(found, session);
            keywords(found);
            strong = false;
        }
        if (!strong && !explicit && partial.isEmpty()) {
            return Completions.none(cursor);
        }
        return rank(found, partial, from, cursor);
    }

    /** CREATE [TEMPORARY] TABLE/VIEW/FUNCTION/DATABASE/CATALOG is followed by a name that does not exist yet. */
    private static boolean namesNewObject(List<SqlToken> context) {
        if (context.isEmpty()) {
            return false; // "x.|" at a statement's start: a qualified name, nothing before it.
        }
        SqlToken last = context.get(context.size() - 1);
        return context.size() >= 2 && context.get(0).is(CREATE) && context.size() <= 4
                && WORD.matcher(last.image()).matches() && !last.is(IDENTIFIER)
                && context.stream().allMatch(t -> WORD.matcher(t.image()).matches() && !t.is(IDENTIFIER));
    }

    private static boolean isTablePosition(List<SqlToken> context) {
        if (context.isEmpty()) {
            return false;
        }
        SqlToken last = context.get(context.size() - 1);
        if (last.is(FROM) || last.is(JOIN) || last.is(INTO) || last.is(DESCRIBE) || last.is(DESC)) {
            return true;
        }
        if (last.is(EXISTS) && context.size() >= 3 && context.get(context.size() - 2).image()
                .equalsIgnoreCase("IF")) {
            // DROP TABLE IF EXISTS …
            return !context.get(0).is(CREATE);
        }
        if (last.is(TABLE) || last.is(VIEW)) {
            // CREATE [TEMPORARY] TABLE names a new table; every other TABLE names an existing one.
            SqlToken before = context.size() >= 2 ? context.get(context.size() - 2) : null;
            return before == null || !(before.is(CREATE) || before.is(TEMPORARY)
                    || before.image().equalsIgnoreCase("SYSTEM"));
        }
        return false;
    }

    private void statementStarts(List<Completion> found) {
        FlinkVocabulary.STATEMENT_STARTS.forEach((words, what) ->
                found.add(new Completion(words, words + " ", "keyword", what, null, 10)));
    }

    private void tables(List<Completion> found, List<String> qualifier, SessionObjects session) {
        if (qualifier.isEmpty()) {
            for (SessionObjects.Table t : session.tables()) {
                if (t.inCurrent(session)) {
                    found.add(new Completion(t.name(), quote(t.name()), t.view() ? "view" : "table",
                            (t.view() ? "view" : "table") + " · " + t.columns().size() + " columns", columnList(t), 20));
                }
            }
            databases(found, session.currentCatalog(), session);
            session.databases().keySet().forEach(c -> found.add(Completion.of(quote(c), "catalog", "catalog")));
            return;
        }
        String first = qualifier.get(0);
        if (qualifier.size() == 1 && session.databases().containsKey(first)) {
            databases(found, first, session);
        }
        String catalog = qualifier.size() >= 2 ? first : session.currentCatalog();
        String database = qualifier.size() >= 2 ? qualifier.get(1) : first;
        for (SessionObjects.Table t : session.tables()) {
            if (t.catalog().equals(catalog) && t.database().equals(database)) {
                found.add(new Completion(t.name(), quote(t.name()), t.view() ? "view" : "table",
                        (t.view() ? "view" : "table") + " · " + t.columns().size() + " columns", columnList(t), 20));
            }
        }
    }

    private void databases(List<Completion> found, String catalog, SessionObjects session) {
        session.databases().getOrDefault(catalog, List.of())
                .forEach(d -> found.add(Completion.of(quote(d), "database", "database in " + catalog)));
    }

    private void columns(List<Completion> found, SessionObjects.Table table, int boost) {
        for (SessionObjects.Column c : table.columns()) {
            found.add(new Completion(c.name(), quote(c.name()), "column", c.type() + " · " + table.name(), null, boost));
        }
    }

    private void functions(List<Completion> found, SessionObjects session) {
        Map<String, FlinkVocabulary.Function> builtIn = vocabulary.functions();
        builtIn.forEach((name, f) -> {
            List<String> signatures = f.signatures();
            String detail = signatures.isEmpty() ? "function" : signatures.get(0)
                    + (signatures.size() > 1 ? "  (+" + (signatures.size() - 1) + " more)" : "");
            found.add(new Completion(name, f.apply(), "function", detail,
                    signatures.size() > 1 ? String.join("\n", signatures) : null, 5));
        });
        for (String name : session.functions()) {
            String upper = name.toUpperCase(Locale.ROOT);
            if (!builtIn.containsKey(upper) && !vocabulary.isReserved(upper)) {
                var known = session.describedFunction(name);
                found.add(new Completion(name, quote(name) + "(", "function", known.map(f -> f.summary()).orElse("function"),
                        known.map(f -> f.className() + "\n" + String.join("\n", f.signatures())).orElse(null), 5));
            }
        }
    }

    private void keywords(List<Completion> found) {
        vocabulary.keywords().forEach(k -> found.add(new Completion(k, k, "keyword", null, null, 0)));
    }

    /** Prefix matches first, then matches inside the name; by weight, then name; at most {@link #LIMIT}. */
    static Completions rank(List<Completion> found, String partial, int from, int to) {
        String p = partial.toLowerCase(Locale.ROOT);
        record Ranked(Completion c, int rank) {}
        List<Ranked> ranked = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (Completion c : found) {
            String label = c.label().toLowerCase(Locale.ROOT);
            int rank = label.startsWith(p) ? 0 : label.contains(p) ? 1 : -1;
            if (rank >= 0 && seen.putIfAbsent(c.type() + "\u0000" + c.label(), true) == null) {
                ranked.add(new Ranked(c, rank));
            }
        }
        ranked.sort(Comparator.comparingInt(Ranked::rank)
                .thenComparing(r -> -r.c().boost())
                .thenComparing(r -> r.c().label(), String.CASE_INSENSITIVE_ORDER));
        List<Completion> options = new ArrayList<>(Math.min(LIMIT, ranked.size()));
        for (int i = 0; i < ranked.size() && i < LIMIT; i++) {
            options.add(ranked.get(i).c());
        }
        return new Completions(from, to, options, ranked.size() <= LIMIT);
    }

    private String quote(String name) {
        return vocabulary.quoteIfNeeded(name);
    }

    private static String columnList(SessionObjects.Table t) {
        StringBuilder b = new StringBuilder();
        for (SessionObjects.Column c : t.columns()) {
            b.append(b.isEmpty() ? "" : "\n").append(c.name()).append(' ').append(c.type());
        }
        return b.isEmpty() ? null : b.toString();
    }

    static boolean isName(SqlToken t) {
        return t.is(IDENTIFIER) || t.is(BACK_QUOTED_IDENTIFIER) || WORD.matcher(t.image()).matches();
    }

    static boolean endsWith(List<SqlToken> tokens, int... kinds) {
        if (tokens.size() < kinds.length) {
            return false;
        }
        for (int i = 0; i < kinds.length; i++) {
            if (!tokens.get(tokens.size() - kinds.length + i).is(kinds[i])) {
                return false;
            }
        }
        return true;
    }

    /** The statement the cursor writes in: the last one begun before it, unless a semicolon ended it. */
    private static SqlStatement statementAround(String script, int cursor) {
        SqlStatement current = null;
        for (SqlStatement s : StatementSplitter.split(script)) {
            if (s.start() <= cursor) {
                current = s;
            }
        }
        if (current == null || cursor <= current.end()) {
            return current;
        }
        boolean ended = SqlLexer.tokens(script.substring(current.end(), cursor)).stream().anyMatch(t -> t.is(SEMICOLON));
        return ended ? null : current;
    }

    private static List<SqlToken> shift(List<SqlToken> tokens, int by) {
        if (by == 0) {
            return tokens;
        }
        List<SqlToken> shifted = new ArrayList<>(tokens.size());
        for (SqlToken t : tokens) {
            shifted.add(new SqlToken(t.kind(), t.image(), t.start() + by, t.end() + by));
        }
        return shifted;
    }
}
