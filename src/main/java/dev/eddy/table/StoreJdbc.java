package dev.eddy.table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.type.TypeReference;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.table.catalog.exceptions.CatalogException;

/**
 * Plain JDBC over Eddy's store, for the classes that also run inside a remote Flink gateway (the
 * catalog jar), where neither Spring nor Eddy's Jackson is at hand: Flink's shaded Jackson is.
 */
final class StoreJdbc {
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {};
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DataSource dataSource;

    StoreJdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Maps one row; may throw SQLException. */
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, args);
             ResultSet rs = s.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw storeFailure(e);
        }
    }

    int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, args)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw storeFailure(e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object[] args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
        return s;
    }

    private static CatalogException storeFailure(SQLException e) {
        return new CatalogException("Eddy's store could not be read or written: " + e.getMessage(), e);
    }

    static Map<String, String> readMap(String text) {
        try {
            return text == null ? new TreeMap<>() : new TreeMap<>(JSON.readValue(text, MAP));
        } catch (JsonProcessingException e) {
            throw new CatalogException("Unreadable entry in Eddy's store: " + e.getOriginalMessage(), e);
        }
    }

    static String writeMap(Map<String, String> map) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(map == null ? Map.of() : map));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> readList(String text) {
        try {
            return text == null ? List.of() : List.copyOf(JSON.readValue(text, LIST));
        } catch (JsonProcessingException e) {
            throw new CatalogException("Unreadable entry in Eddy's store: " + e.getOriginalMessage(), e);
        }
    }

    static String writeList(List<String> list) {
        try {
            return JSON.writeValueAsString(list == null ? List.of() : list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
