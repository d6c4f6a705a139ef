package dev.eddy.sql;

import dev.eddy.gateway.UserFunctions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a gateway session can see, as completion needs it: the current catalog and database, every
 * catalog's databases, the tables and views with their columns, and the function names.
 */
public record SessionObjects(String currentCatalog, String currentDatabase, Map<String, List<String>> databases,
        List<Table> tables, List<String> functions, List<UserFunctions.Described> described) {

    public static final SessionObjects EMPTY = new SessionObjects("default_catalog", "default_database", Map.of(),
            List.of(), List.of());

    public SessionObjects(String currentCatalog, String currentDatabase, Map<String, List<String>> databases,
            List<Table> tables, List<String> functions) {
        this(currentCatalog, currentDatabase, databases, tables, functions, List.of());
    }

    /** What Eddy knows of a function of the current database, by its name. */
    Optional<UserFunctions.Described> describedFunction(String name) {
        return described.stream().filter(f -> f.catalog().equals(currentCatalog) && f.database().equals(currentDatabase)
                && f.name().equalsIgnoreCase(name)).findFirst();
    }

    /** A table or view of a catalog's database, with its columns in order. */
    public record Table(String catalog, String database, String name, boolean view, List<Column> columns) {

        boolean inCurrent(SessionObjects session) {
            return catalog.equals(session.currentCatalog()) && database.equals(session.currentDatabase());
        }
    }

    /** A column and its Flink type as DESCRIBE prints it. */
    public record Column(String name, String type) {}
}
