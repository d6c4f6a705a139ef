package dev.eddy.sql;

import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.COMMA;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.EQ;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.LPAREN;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.QUOTED_STRING;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.RESET;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.RPAREN;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.SET;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.WITH;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Completion inside a string literal: {@code SET 'key' = 'value'}, and the keys and values of a
 * {@code WITH (…)} clause — connector and format options, Kafka topics, PostgreSQL tables, addresses.
 */
final class WithClauseCompleter {
    private final ConnectorOptions factories = ConnectorOptions.get();

    Completions inString(List<SqlToken> context, List<SqlToken> whole, String partial, int from, int cursor,
            boolean closed, ExternalObjects external) {
        List<Completion> found = new ArrayList<>();
        String close = closed ? "" : "'";
        if (SqlCompleter.endsWith(context, SET) || SqlCompleter.endsWith(context, RESET)) {
            for (ConnectorOptions.Option o : SessionOptions.all()) {
                found.add(option(o, close));
            }
            return SqlCompleter.rank(found, partial, from, cursor);
        }
        if (context.size() >= 3 && SqlCompleter.endsWith(context, EQ) && context.get(context.size() - 2).is(QUOTED_STRING)
                && context.get(context.size() - 3).is(SET)) {
            String key = context.get(context.size() - 2).unquoted();
            SessionOptions.all().stream().filter(o -> o.key().equals(key))
                    .forEach(o -> o.values().forEach(v -> found.add(value(v, "value", "", close))));
            return SqlCompleter.rank(found, partial, from, cursor);
        }
        int open = withClauseStart(context);
        if (open < 0) {
            return Completions.none(cursor);
        }
        Map<String, String> written = withOptions(whole, open);
        SqlToken previous = context.get(context.size() - 1);
        if (previous.is(LPAREN) || previous.is(COMMA)) {
            for (ConnectorOptions.Option o : applicableOptions(written)) {
                if (!written.containsKey(o.key())) {
                    found.add(option(o, close));
                }
            }
            return SqlCompleter.rank(found, partial, from, cursor);
        }
        if (previous.is(EQ) && context.size() >= 2 && context.get(context.size() - 2).is(QUOTED_STRING)) {
            values(found, context.get(context.size() - 2).unquoted(), written, external, close);
            return SqlCompleter.rank(found, partial, from, cursor);
        }
        return Completions.none(cursor);
    }

    private void values(List<Completion> found, String key, Map<String, String> written, ExternalObjects external,
            String close) {
        if (key.equals("connector")) {
            factories.connectors().forEach((name, what) -> found.add(value(name, "connector", what, close)));
        } else if (key.equals("format") || key.endsWith(".format")) {
            factories.formats().keySet().forEach(name -> found.add(value(name, "format", "format", close)));
        } else if (key.equals("topic") || key.equals("topic-pattern")) {
            external.topics().forEach(t -> found.add(new Completion(t.name(), escape(t.name()) + close, "topic",
                    t.integration() + " · " + t.detail(), null, 0)));
        } else if (key.equals("table-name")) {
            external.tables().forEach(t -> found.add(new Completion(t.name(), escape(t.name()) + close, "pg-table",
                    t.integration() + " · " + t.detail(), null, 0)));
        } else if (key.equals("properties.bootstrap.servers")) {
            external.bootstrapServers().forEach(b -> found.add(new Completion(b.name(), escape(b.name()) + close,
                    "value", b.integration(), null, 0)));
        } else if (key.equals("url")) {
            external.jdbcUrls().forEach(u -> found.add(new Completion(u.name(), escape(u.name()) + close, "value",
                    u.integration(), null, 0)));
        }
        for (ConnectorOptions.Option o : applicableOptions(written)) {
            if (o.key().equals(key)) {
                o.values().forEach(v -> found.add(value(v, "value", o.defaultValue() != null
                        && o.defaultValue().equalsIgnoreCase(v) ? "default" : "", close)));
            }
        }
    }

    /** The options of the connector named in the clause and of its formats, with the formats' key prefixes. */
    private List<ConnectorOptions.Option> applicableOptions(Map<String, String> written) {
        List<ConnectorOptions.Option> options = new ArrayList<>();
        String connector = written.get("connector");
        if (connector == null) {
            options.add(new ConnectorOptions.Option("connector", true, null, List.of(),
                    "Which connector reads or writes this table: " + String.join(", ", factories.connectors().keySet())));
            return options;
        }
        options.addAll(factories.options(connector));
        written.forEach((key, value) -> {
            if (key.equals("format") || key.endsWith(".format")) {
                String prefix = (key.equals("format") ? "" : key.substring(0, key.length() - "format".length())) + value + ".";
                factories.options(value).forEach(o -> options.add(new ConnectorOptions.Option(prefix + o.key(),
                        false, o.defaultValue(), o.values(), o.description())));
            }
        });
        return options;
    }

    /** The index of the opening parenthesis of the {@code WITH (…)} clause the context ends in, or -1. */
    private static int withClauseStart(List<SqlToken> context) {
        int depth = 0;
        for (int i = context.size() - 1; i >= 0; i--) {
            SqlToken t = context.get(i);
            if (t.is(RPAREN)) {
                depth++;
            } else if (t.is(LPAREN)) {
                if (depth == 0) {
                    return i > 0 && context.get(i - 1).is(WITH) ? i : -1;
                }
                depth--;
            }
        }
        return -1;
    }

    /** The {@code 'key' = 'value'} pairs written in the WITH clause opening at {@code open}. */
    private static Map<String, String> withOptions(List<SqlToken> tokens, int open) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = open + 1; i + 2 < tokens.size() && !tokens.get(i).is(RPAREN); i++) {
            if (tokens.get(i).is(QUOTED_STRING) && tokens.get(i + 1).is(EQ) && tokens.get(i + 2).is(QUOTED_STRING)) {
                options.put(tokens.get(i).unquoted(), tokens.get(i + 2).unquoted());
                i += 2;
            }
        }
        return options;
    }

    private static Completion option(ConnectorOptions.Option o, String close) {
        String detail = (o.required() ? "required" : "optional")
                + (o.defaultValue() == null ? "" : " · default " + o.defaultValue());
        return new Completion(o.key(), escape(o.key()) + close + (close.isEmpty() ? "" : " = '"), "option", detail,
                o.description().isEmpty() ? null : o.description(), o.required() ? 10 : 0);
    }

    private static Completion value(String v, String type, String detail, String close) {
        return new Completion(v, escape(v) + close, type, detail, null, 0);
    }

    private static String escape(String value) {
        return value.replace("'", "''");
    }
}
