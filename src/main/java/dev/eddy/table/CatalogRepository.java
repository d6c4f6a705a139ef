package dev.eddy.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The databases, tables and views of Eddy's Flink catalog in Eddy's store. Every create or alter
 * of a table writes a version row in the same statement, so the history cannot miss one.
 */
@Repository
public class CatalogRepository {
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    CatalogRepository(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
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

    public List<String> databases() {
        return jdbc.queryForList("SELECT name FROM catalog_database ORDER BY name", String.class);
    }

    public Optional<StoredDatabase> database(String name) {
        return jdbc.query("SELECT name, comment, properties FROM catalog_database WHERE name = ?",
                (rs, i) -> new StoredDatabase(rs.getString(1), rs.getString(2), read(rs.getString(3))), name)
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

    /** Drops the database with its tables (the caller decides whether a non-empty one may go). */
    public void dropDatabase(String name) {
        jdbc.update("DELETE FROM catalog_table_version WHERE database = ?", name);
        jdbc.update("DELETE FROM catalog_table WHERE database = ?", name);
        jdbc.update("DELETE FROM catalog_database WHERE name = ?", name);
    }

    public List<String> tableNames(String database, String kind) {
        return jdbc.queryForList("SELECT name FROM catalog_table WHERE database = ? AND (?::text IS NULL OR kind = ?::text) "
                + "ORDER BY name", String.class, database, kind, kind);
    }

    public List<StoredTable> tables() {
        return jdbc.query("SELECT " + COLUMNS + " FROM catalog_table ORDER BY database, name", (rs, i) -> table(rs));
    }

    public Optional<StoredTable> table(String database, String name) {
        return jdbc.query("SELECT " + COLUMNS + " FROM catalog_table WHERE database = ? AND name = ?",
                (rs, i) -> table(rs), database, name).stream().findFirst();
    }

    /** Every version of a table, oldest first. */
    public List<StoredTable> versions(String database, String name) {
        return jdbc.query("SELECT database, name, kind, properties, version, created_at, created_at "
                + "FROM catalog_table_version WHERE database = ? AND name = ? ORDER BY version",
                (rs, i) -> table(rs), database, name);
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

    public boolean dropTable(String database, String name) {
        jdbc.update("DELETE FROM catalog_table_version WHERE database = ? AND name = ?", database, name);
        return jdbc.update("DELETE FROM catalog_table WHERE database = ? AND name = ?", database, name) == 1;
    }

    public boolean renameTable(String database, String name, String newName) {
        jdbc.update("UPDATE catalog_table_version SET name = ? WHERE database = ? AND name = ?", newName, database, name);
        return jdbc.update("UPDATE catalog_table SET name = ?, updated_at = now() WHERE database = ? AND name = ?",
                newName, database, name) == 1;
    }

    private static final String COLUMNS = "database, name, kind, properties, version, created_at, updated_at";

    private StoredTable table(ResultSet rs) throws SQLException {
        return new StoredTable(rs.getString(1), rs.getString(2), rs.getString(3), read(rs.getString(4)), rs.getInt(5),
                rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant());
    }

    private Map<String, String> read(String text) {
        try {
            return text == null ? Map.of() : new TreeMap<>(json.readValue(text, MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable catalog entry in Eddy's store: " + e.getMessage(), e);
        }
    }

    private String write(Map<String, String> properties) {
        try {
            return json.writeValueAsString(new TreeMap<>(properties == null ? Map.of() : properties));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
