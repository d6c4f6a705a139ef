package dev.eddy.integration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads a PostgreSQL database's tables, views, columns and primary keys in one catalog query.
 * Why pg_catalog and not information_schema: the latter hides primary keys from a role that may
 * only SELECT, which is exactly the read-only credential Eddy browses with.
 */
final class PostgresBrowser {
    private static final String TABLES = """
            SELECT n.nspname, c.relname, c.relkind, a.attname, format_type(a.atttypid, a.atttypmod),
                   a.attnotnull, COALESCE(a.attnum = ANY(i.indkey), false)
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
            WHERE c.relkind IN ('r', 'p', 'v', 'm')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            ORDER BY n.nspname, c.relname, a.attnum""";

    private PostgresBrowser() {}

    static List<PostgresTable> tables(String url, Properties login) throws SQLException {
        Map<String, PostgresTable> tables = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, login);
             PreparedStatement q = c.prepareStatement(TABLES);
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                String schema = rs.getString(1);
                String name = rs.getString(2);
                String kind = rs.getString(3);
                PostgresTable table = tables.computeIfAbsent(schema + "." + name,
                        k -> new PostgresTable(schema, name, "v".equals(kind) || "m".equals(kind), new ArrayList<>()));
                table.columns().add(new PostgresTable.Column(rs.getString(4), rs.getString(5), !rs.getBoolean(6),
                        rs.getBoolean(7)));
            }
        }
        return List.copyOf(tables.values());
    }

    private static final int MAX_CELL = 2_000;

    /** The first {@code limit} rows of a table, each cell as PostgreSQL prints it, long ones cut. */
    static TableRows rows(String url, Properties login, String schema, String table, int limit) throws SQLException {
        String sql = "SELECT * FROM " + identifier(schema) + "." + identifier(table) + " LIMIT " + limit;
        try (Connection c = DriverManager.getConnection(url, login)) {
            c.setReadOnly(true);
            try (PreparedStatement q = c.prepareStatement(sql); ResultSet rs = q.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    columns.add(rs.getMetaData().getColumnLabel(i));
                }
                List<List<String>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        String v = rs.getString(i);
                        row.add(v != null && v.length() > MAX_CELL ? v.substring(0, MAX_CELL) + "…" : v);
                    }
                    rows.add(row);
                }
                return new TableRows(schema + "." + table, columns, rows);
            }
        }
    }

    /** A quoted PostgreSQL identifier: the name is the user's, so never spliced in raw. */
    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
