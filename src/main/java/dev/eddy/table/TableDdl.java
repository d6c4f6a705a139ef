package dev.eddy.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the {@code CREATE TABLE} of a {@link TableDraft}: what the user reads before creating it. */
public final class TableDdl {
    private TableDdl() {}

    public static String render(TableDraft d) {
        return render(d, d.name());
    }

    /** The DDL under another name (Eddy creates an edited table under a scratch name first). */
    static String render(TableDraft d, String tableName) {
        List<String> lines = new ArrayList<>();
        for (ColumnSpec c : d.columns()) {
            lines.add(quote(c.name()) + (c.computed() ? " AS " + c.expression() : " " + c.type()));
        }
        if (d.watermarkColumn() != null && !d.watermarkColumn().isBlank()) {
            lines.add("WATERMARK FOR " + quote(d.watermarkColumn()) + " AS " + quote(d.watermarkColumn())
                    + (d.watermarkDelaySeconds() > 0 ? " - INTERVAL '" + d.watermarkDelaySeconds() + "' SECOND" : ""));
        }
        if (!d.primaryKey().isEmpty()) {
            lines.add("PRIMARY KEY (" + String.join(", ", d.primaryKey().stream().map(TableDdl::quote).toList())
                    + ") NOT ENFORCED");
        }
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(quote(tableName)).append(" (\n  ")
                .append(String.join(",\n  ", lines)).append("\n)");
        if (d.comment() != null && !d.comment().isBlank()) {
            sql.append("\nCOMMENT ").append(literal(d.comment()));
        }
        sql.append("\nWITH (\n");
        List<String> options = new ArrayList<>();
        options(d).forEach((k, v) -> options.add("  " + literal(k) + " = " + literal(v)));
        return sql.append(String.join(",\n", options)).append("\n)").toString();
    }

    /** The WITH options, connector first; connection details come from the integration at run time. */
    static Map<String, String> options(TableDraft d) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("connector", d.connector().id());
        o.put(ConnectionResolver.INTEGRATION, d.integration());
        switch (d.connector()) {
            case KAFKA -> {
                o.put("topic", d.source());
                o.put("format", d.valueFormat());
                o.put("scan.startup.mode", d.startupMode() == null || d.startupMode().isBlank() ? "earliest-offset"
                        : d.startupMode());
            }
            case UPSERT_KAFKA -> {
                o.put("topic", d.source());
                o.put("key.format", d.keyFormat() == null || d.keyFormat().isBlank() ? "json" : d.keyFormat());
                o.put("value.format", d.valueFormat());
            }
            case JDBC -> o.put("table-name", d.source().startsWith("public.") ? d.source().substring(7) : d.source());
        }
        o.putAll(d.options());
        return o;
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
