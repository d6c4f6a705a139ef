package dev.eddy.integration;

import java.util.List;

/** A PostgreSQL table or view with its columns. */
public record PostgresTable(String schema, String name, boolean view, List<Column> columns) {

    /** A column: its SQL type as PostgreSQL prints it, whether it may be NULL, whether it is in the primary key. */
    public record Column(String name, String type, boolean nullable, boolean primaryKey) {}

    public String qualifiedName() {
        return "public".equals(schema) ? name : schema + "." + name;
    }
}
