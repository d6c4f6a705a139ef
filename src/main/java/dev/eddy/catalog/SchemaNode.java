package dev.eddy.catalog;

import java.util.List;

/**
 * One node of the schema tree: a catalog, database, table, column, function, integration, topic or
 * PostgreSQL table. {@code path} is unique in the tree; {@code name} is what to insert into SQL.
 */
public record SchemaNode(String path, String label, Kind kind, String detail, String name, List<SchemaNode> children) {

    /** What a node stands for. */
    public enum Kind {
        CATALOG, DATABASE, TABLE, VIEW, COLUMN, FUNCTIONS, FUNCTION, INTEGRATION, TOPIC, PG_TABLE, PG_COLUMN, PROBLEM
    }

    /** The integration a topic, PostgreSQL table or column belongs to; empty for Flink's nodes. */
    public java.util.Optional<String> integration() {
        String[] parts = path.split("/", 3);
        return parts[0].equals("integration") && parts.length > 1 ? java.util.Optional.of(parts[1])
                : java.util.Optional.empty();
    }

    public static SchemaNode leaf(String path, String label, Kind kind, String detail, String name) {
        return new SchemaNode(path, label, kind, detail, name, List.of());
    }
}
