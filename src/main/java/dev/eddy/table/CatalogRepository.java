package dev.eddy.table;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The databases, tables and views of Eddy's Flink catalog in Eddy's store. Every create or alter
 * of a table writes a version row in the same statement, so the history cannot miss one. Plain
 * JDBC: it also runs inside a remote Flink gateway, in the catalog jar.
 */
public class CatalogRepository {
    private final StoreJdbc jdbc;

    public CatalogRepository(DataSource store) {
        this.jdbc = new StoreJdbc(store);
    }

    /** A database of the catalog. */
    public record StoredDatabase(String name, String comment, Map<String, String> properties) {}

    /** A table or view as Flink serialized it, with its version and times. */
    public record StoredTable(String database, String name, String kind, Map<String, String> properties, int version,
            Instant createdAt, Instant updatedAt) {
        public boolean isView() {
            return "VIEW".equals(kind);
        }
    }

    /**
     * A function of the catalog: its class, language, JAR URIs and options as Flink gave them, or the
     * library version whose JAR holds the class (then {@code resources} is empty).
     */
    public record StoredFunction(String database, String name, String className, String language,
            List<String> resources, Map<String, String> options, String library, Integer libraryVersion) {
        public boolean fromLibrary() {
            return library != null;
        }
    }

    /** A library version's JAR as kept in the store. */
    public record StoredJar(String library, int version, String sha256, byte[] bytes) {}

    public List<String> databases() {
        return jdbc.query("SELECT name FROM catalog_database ORDER BY name", rs -> rs.getString(1));
    }

    public Optional<StoredDatabase> database(String name) {
        return jdbc.query("SELECT name, comment, properties FROM catalog_database WHERE name = ?",
                rs -> new StoredDatabase(rs.getString(1), rs.getString(2), read(rs.getString(3))), name)
                .stream().findFirst();
    }

    /** Creates the database; false when it existed already. */
    public boolean createDatabase(String name, String comment, Map<String, String> properties) {
        return jdbc.update("INSERT INTO catalog_database (name, comment, properties) VALUES (?, ?, ?::jsonb) "
                + "ON CONFLICT (name) DO NOTHING", name, comment, write(properties)) == 1;
    }

    public void alterDatabase(String name, String comment, Map<String, String> properties) {
        jdbc.update("UPDATE catalog_database SET comment = ?, properties = ?::jsonb WHERE name = ?", comment,
                write(properties), name);
    }

    /**
     * Drops the database with its tables (the caller decides whether a non-empty one may go). One
     * statement: a crash cannot leave tables whose database is gone, or versions without their table.
     */
    public void dropDatabase(String name) {
        jdbc.update("""
                WITH versions AS (DELETE FROM catalog_table_version WHERE database = ?),
                     tables AS (DELETE FROM catalog_table WHERE database = ?),
                     functions AS (DELETE FROM catalog_function WHERE database = ?)
                DELETE FROM catalog_database WHERE name = ?""", name, name, name, name);
    }

    public List<String> tableNames(String database, String kind) {
        return jdbc.query("SELECT name FROM catalog_table WHERE database = ? AND (?::text IS NULL OR kind = ?::text) "
                + "ORDER BY name", rs -> rs.getString(1), database, kind, kind);
    }

    public List<StoredTable> tables() {
        return jdbc.query("SELECT " + COLUMNS + " FROM catalog_table ORDER BY database, name", this::table);
    }

    public Optional<StoredTable> table(String database, String name) {
        return jdbc.query("SELECT " + COLUMNS + " FROM catalog_table WHERE database = ? AND name = ?",
                this::table, database, name).stream().findFirst();
    }

    /** Every version of a table, oldest first. */
    public List<StoredTable> versions(String database, String name) {
        return jdbc.query("SELECT database, name, kind, properties, version, created_at, created_at "
                + "FROM catalog_table_version WHERE database = ? AND name = ? ORDER BY version",
                this::table, database, name);
    }

    /** Creates version 1 of a table; false when the name is taken. */
    public boolean createTable(String database, String name, String kind, Map<String, String> properties) {
        jdbc.update("DELETE FROM catalog_table_version WHERE database = ? AND name = ? AND NOT EXISTS "
                + "(SELECT 1 FROM catalog_table WHERE database = ? AND name = ?)", database, name, database, name);
        return jdbc.update("""
                WITH created AS (
                  INSERT INTO catalog_table (database, name, kind, properties) VALUES (?, ?, ?, ?::jsonb)
                  ON CONFLICT (database, name) DO NOTHING
                  RETURNING database, name, kind, properties, version)
                INSERT INTO catalog_table_version (database, name, version, kind, properties)
                SELECT database, name, version, kind, properties FROM created""",
                database, name, kind, write(properties)) == 1;
    }

    /** Replaces a table's definition with a new version, unless nothing changed; false when it is missing. */
    public boolean alterTable(String database, String name, String kind, Map<String, String> properties) {
        Optional<StoredTable> current = table(database, name);
        if (current.isEmpty()) {
            return false;
        }
        if (current.get().properties().equals(properties) && current.get().kind().equals(kind)) {
            return true;
        }
        return jdbc.update("""
                WITH changed AS (
                  UPDATE catalog_table SET kind = ?, properties = ?::jsonb, version = version + 1, updated_at = now()
                  WHERE database = ? AND name = ?
                  RETURNING database, name, kind, properties, version)
                INSERT INTO catalog_table_version (database, name, version, kind, properties)
                SELECT database, name, version, kind, properties FROM changed""",
                kind, write(properties), database, name) == 1;
    }

    /** Drops a table with its versions, in one statement. */
    public boolean dropTable(String database, String name) {
        return jdbc.update("""
                WITH versions AS (DELETE FROM catalog_table_version WHERE database = ? AND name = ?)
                DELETE FROM catalog_table WHERE database = ? AND name = ?""", database, name, database, name) == 1;
    }

    /** Renames a table with its versions, in one statement: a taken name changes neither. */
    public boolean renameTable(String database, String name, String newName) {
        return jdbc.update("""
                WITH versions AS (UPDATE catalog_table_version SET name = ? WHERE database = ? AND name = ?)
                UPDATE catalog_table SET name = ?, updated_at = now() WHERE database = ? AND name = ?""",
                newName, database, name, newName, database, name) == 1;
    }

    // Functions

    public List<String> functionNames(String database) {
        return jdbc.query("SELECT name FROM catalog_function WHERE database = ? ORDER BY name", rs -> rs.getString(1),
                database);
    }

    public List<StoredFunction> functions() {
        return jdbc.query("SELECT " + FUNCTION_COLUMNS + " FROM catalog_function ORDER BY database, name",
                CatalogRepository::function);
    }

    public Optional<StoredFunction> function(String database, String name) {
        return jdbc.query("SELECT " + FUNCTION_COLUMNS + " FROM catalog_function WHERE database = ? AND name = ?",
                CatalogRepository::function, database, name).stream().findFirst();
    }

    /** Creates the function; false when the name is taken. */
    public boolean createFunction(StoredFunction f) {
        return jdbc.update("INSERT INTO catalog_function (database, name, class_name, language, resources, options, "
                + "library, library_version) VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?) ON CONFLICT DO NOTHING",
                f.database(), f.name(), f.className(), f.language(), StoreJdbc.writeList(f.resources()),
                write(f.options()), f.library(), f.libraryVersion()) == 1;
    }

    /** Replaces the function's definition; false when it is missing. */
    public boolean alterFunction(StoredFunction f) {
        return jdbc.update("UPDATE catalog_function SET class_name = ?, language = ?, resources = ?::jsonb, "
                + "options = ?::jsonb, library = ?, library_version = ?, updated_at = now() WHERE database = ? AND name = ?",
                f.className(), f.language(), StoreJdbc.writeList(f.resources()), write(f.options()), f.library(),
                f.libraryVersion(), f.database(), f.name()) == 1;
    }

    public boolean dropFunction(String database, String name) {
        return jdbc.update("DELETE FROM catalog_function WHERE database = ? AND name = ?", database, name) == 1;
    }

    /** The JAR of a library version, if it is kept. */
    public Optional<StoredJar> libraryJar(String library, int version) {
        return jdbc.query("SELECT library, version, sha256, jar FROM function_library_version WHERE library = ? "
                + "AND version = ?", rs -> new StoredJar(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getBytes(4)),
                library, version).stream().findFirst();
    }

    /** The SHA-256 of a library version's JAR, if it is kept: cheaper than the JAR, for checking a copy. */
    public Optional<String> libraryJarSha(String library, int version) {
        return jdbc.query("SELECT sha256 FROM function_library_version WHERE library = ? AND version = ?",
                rs -> rs.getString(1), library, version).stream().findFirst();
    }

    private static final String FUNCTION_COLUMNS = "database, name, class_name, language, resources, options, library, "
            + "library_version";

    private static StoredFunction function(ResultSet rs) throws SQLException {
        int version = rs.getInt(8);
        return new StoredFunction(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                StoreJdbc.readList(rs.getString(5)), read(rs.getString(6)), rs.getString(7), rs.wasNull() ? null : version);
    }

    private static final String COLUMNS = "database, name, kind, properties, version, created_at, updated_at";

    private StoredTable table(ResultSet rs) throws SQLException {
        return new StoredTable(rs.getString(1), rs.getString(2), rs.getString(3), read(rs.getString(4)), rs.getInt(5),
                rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant());
    }

    private static Map<String, String> read(String text) {
        return StoreJdbc.readMap(text);
    }

    private static String write(Map<String, String> properties) {
        return StoreJdbc.writeMap(properties);
    }
}
