package dev.eddy.catalog;

import dev.eddy.catalog.SchemaNode.Kind;
import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.ResultColumn;
import dev.eddy.gateway.ResultRow;
import dev.eddy.gateway.StatementResult;
import dev.eddy.gateway.UserFunctions;
import dev.eddy.integration.Integration;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.Metadata;
import dev.eddy.integration.TableRows;
import dev.eddy.integration.TopicMessage;
import dev.eddy.query.SqlConsole;
import dev.eddy.security.CurrentUser;
import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The schema tree: what Flink sees in a console's session (catalogs, databases, tables and views
 * with their columns, user functions), and what each integration holds (topics, PostgreSQL tables).
 */
@Service
public class SchemaService {
    private static final int MAX = 10_000;
    private final IntegrationService integrations;
    /** Threads of their own: the common pool has one thread on two cores, and these calls wait on the network. */
    private final java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newCachedThreadPool(dev.eddy.config.DaemonThreads.named("eddy-schema-reader"));

    private final UserFunctions userFunctions;

    public SchemaService(IntegrationService integrations,
            org.springframework.beans.factory.ObjectProvider<UserFunctions> userFunctions) {
        this.integrations = integrations;
        this.userFunctions = userFunctions.getIfAvailable(() -> UserFunctions.NONE);
    }

    /** The functions of Eddy's catalog as Eddy knows them (library, class, signatures); empty when unreadable. */
    public List<UserFunctions.Described> userFunctions() {
        try {
            return userFunctions.describe();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    @Requires(Role.VIEWER)
    public List<SchemaNode> tree(SqlConsole console) {
        // Each integration is read on its own thread while Flink's catalog is read here: one service
        // that does not answer delays only its own part, not the others' nor Flink's.
        List<java.util.concurrent.CompletableFuture<SchemaNode>> reading = integrations.dataSources().stream()
                .map(i -> java.util.concurrent.CompletableFuture.supplyAsync(CurrentUser.carrying(() -> integration(i)), readers)).toList();
        List<SchemaNode> roots = new ArrayList<>(flink(console));
        reading.forEach(r -> roots.add(r.join()));
        return roots;
    }

    /** Only what Flink sees in the console's session: catalogs, databases, tables, views, columns, functions. */
    public List<SchemaNode> flink(SqlConsole console) {
        List<SchemaNode> catalogs = new ArrayList<>();
        try {
            for (String catalog : firstColumn(console.collect("SHOW CATALOGS", MAX))) {
                List<SchemaNode> databases = new ArrayList<>();
                for (String database : firstColumn(console.collect("SHOW DATABASES IN " + quote(catalog), MAX))) {
                    databases.add(database(console, catalog, database));
                }
                catalogs.add(new SchemaNode("flink/" + catalog, catalog, Kind.CATALOG,
                        count(databases.size(), "database"), quote(catalog), databases));
            }
        } catch (GatewayException e) {
            catalogs.add(SchemaNode.leaf("flink/problem", "Flink catalogs cannot be read", Kind.PROBLEM, e.describe(), ""));
        }
        return catalogs;
    }

    private SchemaNode database(SqlConsole console, String catalog, String database) {
        String qualified = quote(catalog) + "." + quote(database);
        String path = "flink/" + catalog + "/" + database;
        List<SchemaNode> children = new ArrayList<>();
        List<String> views = firstColumn(console.collect("SHOW VIEWS IN " + qualified, MAX));
        for (String table : firstColumn(console.collect("SHOW TABLES IN " + qualified, MAX))) {
            boolean view = views.contains(table);
            String name = qualified + "." + quote(table);
            List<SchemaNode> columns = columns(console, path + "/" + table, name);
            // The kind has a column of its own: the details say what the kind does not.
            children.add(new SchemaNode(path + "/" + table, table, view ? Kind.VIEW : Kind.TABLE,
                    count(columns.size(), "column"), name, columns));
        }
        List<SchemaNode> functions = new ArrayList<>();
        java.util.Map<String, UserFunctions.Described> described = new java.util.HashMap<>();
        userFunctions().stream().filter(f -> f.catalog().equals(catalog) && f.database().equals(database))
                .forEach(f -> described.put(f.name(), f));
        for (String function : firstColumn(console.collect("SHOW USER FUNCTIONS IN " + qualified, MAX))) {
            UserFunctions.Described known = described.get(function);
            functions.add(SchemaNode.leaf(path + "/functions/" + function, function, Kind.FUNCTION,
                    known == null ? "" : known.summary(), function));
        }
        children.add(new SchemaNode(path + "/functions", "functions", Kind.FUNCTIONS,
                functions.size() + " user " + (functions.size() == 1 ? "function" : "functions"), "", functions));
        return new SchemaNode(path, database, Kind.DATABASE, count(children.size() - 1, "table or view",
                "tables and views"), qualified, children);
    }

    private List<SchemaNode> columns(SqlConsole console, String path, String table) {
        List<SchemaNode> columns = new ArrayList<>();
        try {
            StatementResult described = console.collect("DESCRIBE " + table, MAX);
            int name = index(described.columns(), "name");
            int type = index(described.columns(), "type");
            int nullable = index(described.columns(), "null");
            int key = index(described.columns(), "key");
            int watermark = index(described.columns(), "watermark");
            for (ResultRow row : described.rows()) {
                String column = text(row, name);
                StringBuilder detail = new StringBuilder(text(row, type));
                if (nullable >= 0 && "false".equalsIgnoreCase(text(row, nullable))) {
                    detail.append(" NOT NULL");
                }
                if (key >= 0 && !text(row, key).isBlank()) {
                    detail.append(" · key");
                }
                if (watermark >= 0 && !text(row, watermark).isBlank()) {
                    detail.append(" · watermark ").append(text(row, watermark));
                }
                columns.add(SchemaNode.leaf(path + "/" + column, column, Kind.COLUMN, detail.toString(), quote(column)));
            }
        } catch (GatewayException e) {
            columns.add(SchemaNode.leaf(path + "/problem", "columns cannot be read", Kind.PROBLEM, e.getMessage(), ""));
        }
        return columns;
    }

    private static String count(int n, String one) {
        return count(n, one, one + "s");
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private SchemaNode integration(Integration i) {
        String path = "integration/" + i.name();
        Metadata m = integrations.metadata(i.name());
        List<SchemaNode> children = new ArrayList<>();
        m.lastError().ifPresent(error -> children.add(SchemaNode.leaf(path + "/problem", "unreachable", Kind.PROBLEM,
                error, "")));
        if (i.kind() == IntegrationKind.KAFKA) {
            m.topics().forEach(t -> children.add(SchemaNode.leaf(path + "/" + t.name(), t.name(), Kind.TOPIC,
                    t.partitions() + (t.partitions() == 1 ? " partition, " : " partitions, ") + t.messages() + " messages",
                    t.name())));
        } else if (i.kind() == IntegrationKind.POSTGRES) {
            m.tables().forEach(t -> {
                List<SchemaNode> columns = new ArrayList<>();
                t.columns().forEach(c -> columns.add(SchemaNode.leaf(path + "/" + t.qualifiedName() + "/" + c.name(),
                        c.name(), Kind.PG_COLUMN, c.type() + (c.nullable() ? "" : " NOT NULL")
                                + (c.primaryKey() ? " · primary key" : ""), c.name())));
                children.add(new SchemaNode(path + "/" + t.qualifiedName(), t.qualifiedName(), Kind.PG_TABLE,
                        (t.view() ? "view · " : "") + count(columns.size(), "column"), t.qualifiedName(), columns));
            });
        }
        return new SchemaNode(path, i.name(), Kind.INTEGRATION, i.kind().label() + " · " + i.address(), i.name(),
                children);
    }

    /** The DDL Flink would write for a table or view ({@code SHOW CREATE …}). */
    @Requires(Role.VIEWER)
    public String showCreate(SqlConsole console, SchemaNode node) {
        if (node.kind() != Kind.TABLE && node.kind() != Kind.VIEW) {
            throw new IllegalArgumentException(node.label() + " is not a table or view");
        }
        StatementResult result = console.collect("SHOW CREATE " + (node.kind() == Kind.VIEW ? "VIEW " : "TABLE ")
                + node.name(), 1);
        return result.rows().isEmpty() ? "" : text(result.rows().get(0), 0).strip();
    }

    /** A query that previews a Flink table or view: its first hundred rows. */
    public static String previewQuery(SchemaNode node) {
        return "SELECT * FROM " + node.name() + " LIMIT 100;";
    }

    /** The latest messages of a topic node. */
    @Requires(value = Role.DEVELOPER, action = "Reading messages")
    public List<TopicMessage> latestMessages(SchemaNode topic, int count) {
        return integrations.preview(topic.integration().orElseThrow(), topic.name(), count);
    }

    /** The first rows of a PostgreSQL table node. */
    @Requires(value = Role.DEVELOPER, action = "Reading rows")
    public TableRows firstRows(SchemaNode table, int count) {
        return integrations.previewRows(table.integration().orElseThrow(), table.name(), count);
    }

    private static List<String> firstColumn(StatementResult result) {
        List<String> values = new ArrayList<>();
        for (ResultRow row : result.rows()) {
            values.add(text(row, 0));
        }
        return values;
    }

    private static int index(List<ResultColumn> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String text(ResultRow row, int index) {
        Object v = index >= 0 && index < row.fields().size() ? row.fields().get(index) : null;
        return v == null ? "" : v.toString();
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
