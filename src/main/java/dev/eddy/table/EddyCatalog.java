package dev.eddy.table;

import dev.eddy.table.CatalogRepository.StoredFunction;
import dev.eddy.table.CatalogRepository.StoredTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.AbstractCatalog;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogFunction;
import org.apache.flink.table.catalog.CatalogFunctionImpl;
import org.apache.flink.table.catalog.FunctionLanguage;
import org.apache.flink.table.catalog.CatalogPartition;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.CatalogPropertiesUtil;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.CatalogView;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedCatalogView;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotEmptyException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.FunctionAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.FunctionNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionNotExistException;
import org.apache.flink.table.catalog.exceptions.TableAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.catalog.stats.CatalogColumnStatistics;
import org.apache.flink.table.catalog.stats.CatalogTableStatistics;
import org.apache.flink.table.expressions.DefaultSqlFactory;
import org.apache.flink.table.expressions.Expression;
import org.apache.flink.table.factories.Factory;
import org.apache.flink.table.resource.ResourceType;
import org.apache.flink.table.resource.ResourceUri;

/**
 * Eddy's Flink catalog: databases, tables and views kept in Eddy's store, so every session, every
 * job and Flink's own SQL Client connected to Eddy's gateway see the same tables, across restarts.
 * Tables name an integration instead of holding addresses and passwords; {@link IntegrationTableFactory}
 * fills those in when a job reads or writes the table.
 */
public class EddyCatalog extends AbstractCatalog {
    public static final String NAME = "eddy";
    public static final String DEFAULT_DATABASE = "default_database";
    private static final String ORIGINAL_QUERY = "eddy.view.original-query";
    private static final String EXPANDED_QUERY = "eddy.view.expanded-query";
    private final CatalogRepository store;
    private final ConnectionResolver connections;
    private final FunctionJars jars;

    EddyCatalog(String name, CatalogRepository store, ConnectionResolver connections, FunctionJars jars) {
        super(name, DEFAULT_DATABASE);
        this.store = store;
        this.connections = connections;
        this.jars = jars;
    }

    @Override
    public void open() {
        try {
            store.createDatabase(DEFAULT_DATABASE, "Tables Eddy and its users create", Map.of());
        } catch (CatalogException e) {
            // Not chained: clients show the deepest cause, and this one says what to do.
            throw new CatalogException("Eddy's catalog cannot open its store (" + e.getMessage() + "). Check that "
                    + "it points at Eddy's own database, the one Eddy's eddy.store.url names, and that Eddy has "
                    + "started on it at least once");
        }
    }

    @Override
    public void close() {
        // The store's connections belong to Eddy, not to one session.
    }

    @Override
    public Optional<Factory> getFactory() {
        return Optional.of(new IntegrationTableFactory(connections));
    }

    // Databases

    @Override
    public List<String> listDatabases() {
        return store.databases();
    }

    @Override
    public CatalogDatabase getDatabase(String name) throws DatabaseNotExistException {
        var db = store.database(name).orElseThrow(() -> new DatabaseNotExistException(getName(), name));
        return new CatalogDatabaseImpl(db.properties(), db.comment());
    }

    @Override
    public boolean databaseExists(String name) {
        return store.database(name).isPresent();
    }

    @Override
    public void createDatabase(String name, CatalogDatabase database, boolean ignoreIfExists)
            throws DatabaseAlreadyExistException {
        if (!store.createDatabase(name, database.getComment(), database.getProperties()) && !ignoreIfExists) {
            throw new DatabaseAlreadyExistException(getName(), name);
        }
    }

    @Override
    public void dropDatabase(String name, boolean ignoreIfNotExists, boolean cascade)
            throws DatabaseNotExistException, DatabaseNotEmptyException {
        if (!databaseExists(name)) {
            if (ignoreIfNotExists) {
                return;
            }
            throw new DatabaseNotExistException(getName(), name);
        }
        if (!cascade && (!store.tableNames(name, null).isEmpty() || !store.functionNames(name).isEmpty())) {
            throw new DatabaseNotEmptyException(getName(), name);
        }
        store.dropDatabase(name);
    }

    @Override
    public void alterDatabase(String name, CatalogDatabase database, boolean ignoreIfNotExists)
            throws DatabaseNotExistException {
        if (!databaseExists(name)) {
            if (ignoreIfNotExists) {
                return;
            }
            throw new DatabaseNotExistException(getName(), name);
        }
        store.alterDatabase(name, database.getComment(), database.getProperties());
    }

    // Tables and views

    @Override
    public List<String> listTables(String database) throws DatabaseNotExistException {
        requireDatabase(database);
        return store.tableNames(database, null);
    }

    @Override
    public List<String> listViews(String database) throws DatabaseNotExistException {
        requireDatabase(database);
        return store.tableNames(database, "VIEW");
    }

    @Override
    public CatalogBaseTable getTable(ObjectPath path) throws TableNotExistException {
        StoredTable stored = store.table(path.getDatabaseName(), path.getObjectName())
                .orElseThrow(() -> new TableNotExistException(getName(), path));
        return fromProperties(stored);
    }

    @Override
    public boolean tableExists(ObjectPath path) {
        return store.table(path.getDatabaseName(), path.getObjectName()).isPresent();
    }

    @Override
    public void dropTable(ObjectPath path, boolean ignoreIfNotExists) throws TableNotExistException {
        if (!store.dropTable(path.getDatabaseName(), path.getObjectName()) && !ignoreIfNotExists) {
            throw new TableNotExistException(getName(), path);
        }
    }

    @Override
    public void renameTable(ObjectPath path, String newName, boolean ignoreIfNotExists)
            throws TableNotExistException, TableAlreadyExistException {
        if (tableExists(new ObjectPath(path.getDatabaseName(), newName))) {
            throw new TableAlreadyExistException(getName(), new ObjectPath(path.getDatabaseName(), newName));
        }
        if (!store.renameTable(path.getDatabaseName(), path.getObjectName(), newName) && !ignoreIfNotExists) {
            throw new TableNotExistException(getName(), path);
        }
    }

    @Override
    public void createTable(ObjectPath path, CatalogBaseTable table, boolean ignoreIfExists)
            throws TableAlreadyExistException, DatabaseNotExistException {
        requireDatabase(path.getDatabaseName());
        boolean created = store.createTable(path.getDatabaseName(), path.getObjectName(), kind(table),
                toProperties(table));
        if (!created && !ignoreIfExists) {
            throw new TableAlreadyExistException(getName(), path);
        }
    }

    @Override
    public void alterTable(ObjectPath path, CatalogBaseTable table, boolean ignoreIfNotExists)
            throws TableNotExistException {
        if (!store.alterTable(path.getDatabaseName(), path.getObjectName(), kind(table), toProperties(table))
                && !ignoreIfNotExists) {
            throw new TableNotExistException(getName(), path);
        }
    }

    private static String kind(CatalogBaseTable table) {
        return switch (table.getTableKind()) {
            case TABLE -> "TABLE";
            case VIEW -> "VIEW";
            default -> throw new CatalogException("Eddy's catalog keeps tables and views; a "
                    + table.getTableKind().name().toLowerCase().replace('_', ' ') + " needs another catalog");
        };
    }

    /** What the store keeps: Flink's own serialization, plus a view's queries. */
    static Map<String, String> toProperties(CatalogBaseTable table) {
        if (table instanceof ResolvedCatalogTable resolved) {
            return CatalogPropertiesUtil.serializeCatalogTable(resolved, DefaultSqlFactory.INSTANCE);
        }
        if (table instanceof ResolvedCatalogView view) {
            Map<String, String> properties = new HashMap<>(
                    CatalogPropertiesUtil.serializeCatalogView(view, DefaultSqlFactory.INSTANCE));
            properties.put(ORIGINAL_QUERY, view.getOriginalQuery());
            properties.put(EXPANDED_QUERY, view.getExpandedQuery());
            return properties;
        }
        throw new CatalogException("Eddy's catalog stores resolved tables and views only, not "
                + table.getClass().getSimpleName());
    }

    static CatalogBaseTable fromProperties(StoredTable stored) {
        if (!stored.isView()) {
            return CatalogPropertiesUtil.deserializeCatalogTable(stored.properties());
        }
        Map<String, String> properties = new HashMap<>(stored.properties());
        String original = properties.remove(ORIGINAL_QUERY);
        String expanded = properties.remove(EXPANDED_QUERY);
        // No public view deserializer exists: read the schema as a table's, then build the view.
        CatalogTable shape = CatalogPropertiesUtil.deserializeCatalogTable(properties);
        Schema schema = shape.getUnresolvedSchema();
        return CatalogView.of(schema, shape.getComment(), original, expanded, Map.of());
    }

    private void requireDatabase(String database) throws DatabaseNotExistException {
        if (!databaseExists(database)) {
            throw new DatabaseNotExistException(getName(), database);
        }
    }

    // Functions: kept in the store; a library's function gets its JAR from the store too.

    @Override
    public List<String> listFunctions(String database) throws DatabaseNotExistException {
        requireDatabase(database);
        return store.functionNames(database);
    }

    @Override
    public CatalogFunction getFunction(ObjectPath path) throws FunctionNotExistException {
        StoredFunction stored = store.function(path.getDatabaseName(), path.getObjectName())
                .orElseThrow(() -> new FunctionNotExistException(getName(), path));
        List<ResourceUri> resources = stored.fromLibrary()
                ? List.of(new ResourceUri(ResourceType.JAR, jars.uriOf(stored.library(), stored.libraryVersion(), store)))
                : stored.resources().stream().map(EddyCatalog::resource).toList();
        return new CatalogFunctionImpl(stored.className(), FunctionLanguage.valueOf(stored.language()), resources,
                stored.options());
    }

    @Override
    public boolean functionExists(ObjectPath path) {
        return store.function(path.getDatabaseName(), path.getObjectName()).isPresent();
    }

    @Override
    public void createFunction(ObjectPath path, CatalogFunction function, boolean ignoreIfExists)
            throws FunctionAlreadyExistException, DatabaseNotExistException {
        requireDatabase(path.getDatabaseName());
        if (!store.createFunction(stored(path, function)) && !ignoreIfExists) {
            throw new FunctionAlreadyExistException(getName(), path);
        }
    }

    @Override
    public void alterFunction(ObjectPath path, CatalogFunction function, boolean ignoreIfNotExists)
            throws FunctionNotExistException {
        if (!store.alterFunction(stored(path, function)) && !ignoreIfNotExists) {
            throw new FunctionNotExistException(getName(), path);
        }
    }

    @Override
    public void dropFunction(ObjectPath path, boolean ignoreIfNotExists) throws FunctionNotExistException {
        if (!store.dropFunction(path.getDatabaseName(), path.getObjectName()) && !ignoreIfNotExists) {
            throw new FunctionNotExistException(getName(), path);
        }
    }

    /** A function from SQL (CREATE FUNCTION … USING JAR): kept with its JAR URIs as given. */
    private static StoredFunction stored(ObjectPath path, CatalogFunction function) {
        List<String> resources = function.getFunctionResources().stream().map(r -> {
            if (r.getResourceType() != ResourceType.JAR) {
                throw new CatalogException("Eddy's catalog keeps functions whose code is in JARs; "
                        + r.getResourceType().name().toLowerCase() + " resources are for temporary functions");
            }
            return r.getUri();
        }).toList();
        return new StoredFunction(path.getDatabaseName(), path.getObjectName(), function.getClassName(),
                function.getFunctionLanguage().name(), resources, function.getOptions(), null, null);
    }

    private static ResourceUri resource(String uri) {
        return new ResourceUri(ResourceType.JAR, uri);
    }

    // Partitions and statistics: Kafka and JDBC tables have neither.

    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath path) {
        return List.of();
    }

    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath path, CatalogPartitionSpec spec) {
        return List.of();
    }

    @Override
    public List<CatalogPartitionSpec> listPartitionsByFilter(ObjectPath path, List<Expression> filters) {
        return List.of();
    }

    @Override
    public CatalogPartition getPartition(ObjectPath path, CatalogPartitionSpec spec) throws PartitionNotExistException {
        throw new PartitionNotExistException(getName(), path, spec);
    }

    @Override
    public boolean partitionExists(ObjectPath path, CatalogPartitionSpec spec) {
        return false;
    }

    @Override
    public void createPartition(ObjectPath path, CatalogPartitionSpec spec, CatalogPartition partition,
            boolean ignoreIfExists) {
        throw new CatalogException("Tables in Eddy's catalog are not partitioned");
    }

    @Override
    public void dropPartition(ObjectPath path, CatalogPartitionSpec spec, boolean ignoreIfNotExists)
            throws PartitionNotExistException {
        throw new PartitionNotExistException(getName(), path, spec);
    }

    @Override
    public void alterPartition(ObjectPath path, CatalogPartitionSpec spec, CatalogPartition partition,
            boolean ignoreIfNotExists) throws PartitionNotExistException {
        throw new PartitionNotExistException(getName(), path, spec);
    }

    @Override
    public CatalogTableStatistics getTableStatistics(ObjectPath path) {
        return CatalogTableStatistics.UNKNOWN;
    }

    @Override
    public CatalogColumnStatistics getTableColumnStatistics(ObjectPath path) {
        return CatalogColumnStatistics.UNKNOWN;
    }

    @Override
    public CatalogTableStatistics getPartitionStatistics(ObjectPath path, CatalogPartitionSpec spec) {
        return CatalogTableStatistics.UNKNOWN;
    }

    @Override
    public CatalogColumnStatistics getPartitionColumnStatistics(ObjectPath path, CatalogPartitionSpec spec) {
        return CatalogColumnStatistics.UNKNOWN;
    }

    @Override
    public void alterTableStatistics(ObjectPath path, CatalogTableStatistics statistics, boolean ignoreIfNotExists) {
        // Statistics are not kept.
    }

    @Override
    public void alterTableColumnStatistics(ObjectPath path, CatalogColumnStatistics statistics,
            boolean ignoreIfNotExists) {
        // Statistics are not kept.
    }

    @Override
    public void alterPartitionStatistics(ObjectPath path, CatalogPartitionSpec spec, CatalogTableStatistics statistics,
            boolean ignoreIfNotExists) {
        // Statistics are not kept.
    }

    @Override
    public void alterPartitionColumnStatistics(ObjectPath path, CatalogPartitionSpec spec,
            CatalogColumnStatistics statistics, boolean ignoreIfNotExists) {
        // Statistics are not kept.
    }
}
