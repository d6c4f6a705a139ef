package dev.eddy.table;

import dev.eddy.security.Requires;
import dev.eddy.security.SqlPolicy;
import dev.eddy.security.Role;
import dev.eddy.gateway.GatewayException;
import dev.eddy.integration.Integration;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.IntegrationUsage;
import dev.eddy.integration.PostgresTable;
import dev.eddy.integration.TopicMessage;
import dev.eddy.integration.TopicPlace;
import dev.eddy.integration.TopicService;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.table.CatalogRepository.StoredTable;
import dev.eddy.table.JsonSchemaInference.Inference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Tables in Eddy's catalog, as the wizard and the Tables page use them: proposing columns from a
 * topic's messages or a PostgreSQL table, creating and editing (each edit a new version), cloning
 * and dropping. Every change goes through Flink's gateway, so Flink validates it.
 */
@Service
public class TableService implements IntegrationUsage {
    private static final Logger log = LoggerFactory.getLogger(TableService.class);
    private static final Pattern COLUMN_KEY = Pattern.compile("schema\\.(\\d+)\\.name");
    private final QueryService queries;
    private final IntegrationService integrations;
    private final TopicService topics;
    private final CatalogRepository store;
    private final List<TableSeed> seeds;

    private final List<TableUsage> usages;
    private final Optional<RemoteCatalog> remoteCatalog;

    private final SqlPolicy policy;

    TableService(QueryService queries, IntegrationService integrations, TopicService topics, CatalogRepository store,
            List<TableSeed> seeds, List<TableUsage> usages, ObjectProvider<RemoteCatalog> remoteCatalog, SqlPolicy policy) {
        this.policy = policy;
        this.topics = topics;
        this.usages = usages;
        this.remoteCatalog = Optional.ofNullable(remoteCatalog.getIfAvailable()).filter(RemoteCatalog::active);
        this.queries = queries;
        this.integrations = integrations;
        this.store = store;
        this.seeds = seeds;
    }

    /** Creates the seeded tables (the embedded samples) that do not exist yet. */
    @EventListener(ApplicationReadyEvent.class)
    public void createSeededTables() {
        store.createDatabase(EddyCatalog.DEFAULT_DATABASE, "Tables Eddy and its users create", Map.of());
        List<String> statements = seeds.stream().flatMap(s -> s.tables().stream()).toList();
        if (statements.isEmpty() && remoteCatalog.isEmpty()) {
            return;
        }
        try (SqlConsole console = queries.openServiceConsole("eddy-tables")) {
            if (remoteCatalog.isPresent()) {
                // Opens a session now, so a gateway without Eddy's catalog is reported at start, not at first use.
                try {
                    console.collect("SHOW CURRENT CATALOG", 1);
                } catch (GatewayException e) {
                    log.warn("The Flink gateway did not answer at start: {}", e.describe());
                }
            }
            for (String ddl : statements) {
                try {
                    console.collect(ddl, 1);
                } catch (GatewayException e) {
                    log.warn("A sample table could not be created: {}", e.describe());
                }
            }
        }
    }

    /**
     * Why the remote Flink gateway's sessions do not have Eddy's catalog, when they do not: its
     * tables are then listed here but not usable there.
     */
    @Requires(Role.VIEWER)
    public Optional<String> catalogProblem() {
        return remoteCatalog.flatMap(RemoteCatalog::problem);
    }

    /** A topic's latest messages and the columns they suggest. */
    /** The latest messages of a topic and the columns they suggest; {@code missing} when the topic does not exist. */
    public record TopicSample(List<TopicMessage> messages, Inference inference, boolean missing) {}

    @Requires(value = Role.DEVELOPER, action = "Reading messages")
    public TopicSample sampleTopic(String integration, String topic, String format, int count) {
        if (!topics.exists(TopicPlace.of(integration), topic).orElse(true)) {
            return new TopicSample(List.of(), byHand("Topic " + topic + " does not exist in " + integration
                    + " yet: enter the columns by hand. Flink cannot write to it, nor read from it, until it exists: "
                    + "create it here, or with your Kafka tools"), true);
        }
        List<TopicMessage> messages = integrations.preview(integration, topic, count);
        List<String> values = messages.stream().map(TopicMessage::value).filter(Objects::nonNull).toList();
        boolean json = format == null || format.contains("json");
        Inference inference = json ? JsonSchemaInference.infer(values, "debezium-json".equals(format))
                : "avro-confluent".equals(format) ? fromRegistry(integration, messages)
                : byHand("Plain Avro messages do not carry their schema: enter the columns as the writer's schema has "
                        + "them (with avro-confluent, Eddy reads them from the schema registry)");
        return new TopicSample(messages, inference, false);
    }

    /** The columns of the newest message's writer schema, from the integration's schema registry. */
    private Inference fromRegistry(String integration, List<TopicMessage> messages) {
        List<Integer> ids = messages.stream().map(TopicMessage::schemaId).filter(Objects::nonNull).toList();
        if (ids.isEmpty()) {
            return byHand(messages.isEmpty() ? "The topic has no messages yet: enter the columns by hand"
                    : "None of the latest messages is in the schema registry's format (a zero byte, then the schema "
                            + "id): enter the columns by hand, or pick another format");
        }
        int newest = ids.get(0);
        try {
            String schema = integrations.writerSchema(integration, newest);
            long others = ids.stream().distinct().count() - 1;
            return AvroSchemaInference.fromSchema(schema, ids.size(), "Columns from schema " + newest
                    + " in the schema registry, the writer schema of the newest message"
                    + (others > 0 ? " (the sample also holds " + others + " older schema version"
                            + (others == 1 ? "" : "s") + ")" : ""));
        } catch (dev.eddy.integration.IntegrationException | TableException e) {
            return byHand(e.getMessage() + ". Enter the columns by hand.");
        }
    }

    private static Inference byHand(String why) {
        return new Inference(List.of(), 0, 0, "ISO-8601", false, List.of(why));
    }

    /**
     * The columns and primary key of a PostgreSQL table, as Flink types; the notes say which columns
     * are left out (types Flink's JDBC connector cannot read) and how others are read.
     */
    public record TableShape(List<ColumnSpec> columns, List<String> primaryKey, List<String> notes) {}

    @Requires(value = Role.DEVELOPER, action = "Creating tables")
    public TableShape fromPostgres(String integration, String table) {
        PostgresTable found = integrations.metadata(integration).tables().stream()
                .filter(t -> t.qualifiedName().equals(table) || (t.schema() + "." + t.name()).equals(table))
                .findFirst()
                .orElseThrow(() -> new TableException(integration + " has no table " + table + " (or it is not read yet)"));
        List<ColumnSpec> columns = new ArrayList<>();
        List<String> key = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (PostgresTable.Column c : found.columns()) {
            java.util.Optional<String> type = PostgresTypes.flink(c.type());
            if (type.isEmpty()) {
                unreadable.add(c.name() + " (" + c.type() + ")");
                continue;
            }
            PostgresTypes.caveat(c.type()).ifPresent(caveat -> notes.add(c.name() + " (" + c.type() + ") " + caveat + "."));
            columns.add(new ColumnSpec(c.name(), c.nullable() || c.primaryKey() ? type.get() : type.get() + " NOT NULL",
                    null, "PostgreSQL " + c.type()));
            if (c.primaryKey()) {
                key.add(c.name());
            }
        }
        if (!unreadable.isEmpty()) {
            notes.add(0, "Left out: " + String.join(", ", unreadable) + ". Flink's JDBC connector cannot read "
                    + (unreadable.size() == 1 ? "this type" : "these types") + "; to use "
                    + (unreadable.size() == 1 ? "it" : "them") + ", point the table at a PostgreSQL view that casts "
                    + (unreadable.size() == 1 ? "it" : "them") + " to text (… " + unreadable.get(0).split(" ")[0]
                    + "::text AS " + unreadable.get(0).split(" ")[0] + " …).");
        }
        return new TableShape(columns, key, notes);
    }

    /** The DDL the draft creates; what the wizard shows as the user edits. */
    @Requires(Role.VIEWER)
    public String ddl(TableDraft draft) {
        return TableDdl.render(draft);
    }

    @Requires(value = Role.DEVELOPER, action = "Creating tables")
    public TableInfo create(TableDraft draft) {
        check(draft);
        if (store.table(EddyCatalog.DEFAULT_DATABASE, draft.name()).isPresent()) {
            throw new TableException("A table named " + draft.name() + " exists already: pick another name, or edit it");
        }
        run(TableDdl.render(draft));
        return get(draft.name());
    }

    /**
     * Replaces a table's definition with the draft's: a new version. Flink validates the new
     * definition under a scratch name first, so a bad edit leaves the table as it was.
     */
    @Requires(value = Role.DEVELOPER, action = "Changing tables")
    public TableInfo update(String name, TableDraft draft) {
        check(draft);
        StoredTable current = stored(name);
        String scratch = "eddy_edit_" + UUID.randomUUID().toString().replace("-", "");
        run(TableDdl.render(draft, scratch));
        try {
            StoredTable validated = stored(scratch);
            store.alterTable(current.database(), name, validated.kind(), validated.properties());
        } finally {
            store.dropTable(EddyCatalog.DEFAULT_DATABASE, scratch);
        }
        return get(name);
    }

    /** A stored table as a draft, for the wizard to edit. Views cannot be edited this way. */
    @Requires(Role.VIEWER)
    public TableDraft draftOf(String name) {
        StoredTable t = stored(name);
        if (t.isView()) {
            throw new TableException(name + " is a view: change it with CREATE OR REPLACE VIEW in the SQL editor");
        }
        Map<String, String> p = new java.util.TreeMap<>(t.properties());
        List<ColumnSpec> columns = new ArrayList<>();
        for (int i = 0; p.containsKey("schema." + i + ".name"); i++) {
            String expr = p.get("schema." + i + ".expr");
            columns.add(new ColumnSpec(p.get("schema." + i + ".name"),
                    friendlyType(p.getOrDefault("schema." + i + ".data-type", "")), expr, null));
        }
        String watermark = p.get("schema.watermark.0.rowtime");
        int delay = 0;
        Matcher interval = WATERMARK_DELAY.matcher(p.getOrDefault("schema.watermark.0.strategy.expr", ""));
        if (interval.find()) {
            delay = Integer.parseInt(interval.group(1));
        }
        List<String> key = p.containsKey("schema.primary-key.columns")
                ? List.of(p.get("schema.primary-key.columns").split(",")) : List.of();
        String connectorId = p.getOrDefault("connector", "kafka");
        TableDraft.Connector connector = switch (connectorId) {
            case "upsert-kafka" -> TableDraft.Connector.UPSERT_KAFKA;
            case "jdbc" -> TableDraft.Connector.JDBC;
            default -> TableDraft.Connector.KAFKA;
        };
        Map<String, String> options = new java.util.LinkedHashMap<>();
        p.forEach((k, v) -> {
            if (!k.startsWith("schema.") && !DRAFT_KEYS.contains(k)) {
                options.put(k, v);
            }
        });
        return new TableDraft(name, p.getOrDefault(ConnectionResolver.INTEGRATION, ""), connector,
                p.getOrDefault("topic", p.getOrDefault("table-name", "")), p.getOrDefault("format",
                        p.get("value.format")), p.get("key.format"), p.get("scan.startup.mode"), columns, watermark,
                delay, key, options, p.get("comment"));
    }

    /** Flink writes types out in full; the wizard shows the names people type. */
    static String friendlyType(String serialized) {
        return LTZ.matcher(serialized.replace("VARCHAR(2147483647)", "STRING"))
                .replaceAll("TIMESTAMP_LTZ($1)");
    }

    private static final Pattern LTZ = Pattern.compile("TIMESTAMP\\((\\d)\\) WITH LOCAL TIME ZONE");
    private static final Pattern WATERMARK_DELAY = Pattern.compile("INTERVAL '(\\d+)' SECOND");
    private static final java.util.Set<String> DRAFT_KEYS = java.util.Set.of("connector", ConnectionResolver.INTEGRATION,
            "topic", "table-name", "format", "value.format", "key.format", "scan.startup.mode", "comment");

    /** A copy under a new name, with the same columns and options. */
    @Requires(value = Role.DEVELOPER, action = "Copying tables")
    public TableInfo copy(String name, String newName) {
        StoredTable source = stored(name);
        if (!newName.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
            throw new TableException("A table name is letters, digits and underscores, starting with a letter");
        }
        if (!store.createTable(source.database(), newName, source.kind(), source.properties())) {
            throw new TableException("A table named " + newName + " exists already");
        }
        return get(newName);
    }

    /** The jobs that read or write the table. */
    @Requires(Role.VIEWER)
    public List<TableUsage.TableUser> jobsUsing(String name) {
        String qualified = EddyCatalog.NAME + "." + EddyCatalog.DEFAULT_DATABASE + "." + name;
        return usages.stream().flatMap(u -> u.jobsUsing(qualified).stream()).toList();
    }

    /** Drops the table; refused while a running job reads or writes it. */
    @Requires(value = Role.DEVELOPER, action = "Dropping tables")
    public void drop(String name) {
        stored(name);
        List<String> running = jobsUsing(name).stream().filter(TableUsage.TableUser::running)
                .map(TableUsage.TableUser::job).toList();
        if (!running.isEmpty()) {
            throw new TableException(name + " is used by the running job" + (running.size() == 1 ? " " : "s ")
                    + String.join(", ", running) + ": stop " + (running.size() == 1 ? "it" : "them")
                    + " first (a job whose table is gone fails at its next restart).");
        }
        run("DROP TABLE " + TableDdl.quote(name));
    }

    @Requires(Role.VIEWER)
    public List<TableInfo> list() {
        return store.tables().stream().filter(t -> !t.name().startsWith("eddy_edit_")).map(TableService::info).toList();
    }

    @Requires(Role.VIEWER)
    public TableInfo get(String name) {
        return info(stored(name));
    }

    /** Every version of a table, oldest first, each with what changed from the one before. */
    @Requires(Role.VIEWER)
    public List<TableVersion> versions(String name) {
        List<StoredTable> versions = store.versions(EddyCatalog.DEFAULT_DATABASE, name);
        List<TableVersion> result = new ArrayList<>();
        List<String> before = List.of();
        for (StoredTable v : versions) {
            List<String> now = summary(v.properties());
            List<String> changes = new ArrayList<>();
            for (String line : before) {
                if (!now.contains(line)) {
                    changes.add("− " + line);
                }
            }
            for (String line : now) {
                if (!before.contains(line)) {
                    changes.add("+ " + line);
                }
            }
            result.add(new TableVersion(v.version(), v.createdAt(), result.isEmpty() ? List.of() : changes));
            before = now;
        }
        return result;
    }

    @Override
    public List<String> tablesUsing(String integration) {
        return store.tables().stream().filter(t -> integration.equals(t.properties().get(ConnectionResolver.INTEGRATION)))
                .map(StoredTable::name).toList();
    }

    private void check(TableDraft draft) {
        List<String> problems = new ArrayList<>(draft.problems());
        if (problems.isEmpty()) {
            Integration i = integrations.get(draft.integration());
            IntegrationKind wanted = draft.connector().kafka() ? IntegrationKind.KAFKA : IntegrationKind.POSTGRES;
            if (i.kind() != wanted) {
                problems.add(draft.integration() + " is " + i.kind().withArticle() + " integration; a "
                        + draft.connector().id() + " table needs " + wanted.label());
            }
        }
        if (!problems.isEmpty()) {
            throw new TableException(String.join("; ", problems));
        }
        // Extra options may name an address or a file connector: the same rules as typed SQL.
        policy.require(TableDdl.render(draft));
    }

    private void run(String statement) {
        try (SqlConsole console = queries.openServiceConsole("eddy-tables")) {
            console.collect(statement, 1);
        } catch (GatewayException e) {
            throw new TableException("Flink refused the table: " + e.describe());
        }
    }

    private StoredTable stored(String name) {
        return store.table(EddyCatalog.DEFAULT_DATABASE, name)
                .orElseThrow(() -> TableException.missing("There is no table " + name + " in Eddy's catalog"));
    }

    static TableInfo info(StoredTable t) {
        Map<String, String> p = t.properties();
        String connector = p.getOrDefault("connector", t.isView() ? "view" : "");
        String source = p.getOrDefault("topic", p.getOrDefault("table-name", ""));
        String format = p.getOrDefault("format", p.getOrDefault("value.format", ""));
        return new TableInfo(t.name(), p.getOrDefault(ConnectionResolver.INTEGRATION, ""), connector, source, format,
                columns(p), t.version(), t.createdAt(), t.updatedAt(), p.getOrDefault("comment", ""), t.isView());
    }

    /** "name TYPE" (or "name AS expr") of each column, in order. */
    static List<String> columns(Map<String, String> p) {
        List<String> columns = new ArrayList<>();
        for (int i = 0; p.containsKey("schema." + i + ".name"); i++) {
            String expr = p.get("schema." + i + ".expr");
            columns.add(p.get("schema." + i + ".name") + (expr != null ? " AS " + expr
                    : " " + p.getOrDefault("schema." + i + ".data-type", "")));
        }
        return columns;
    }

    /** One line per column, the watermark, the key and each option: what a version diff compares. */
    static List<String> summary(Map<String, String> p) {
        List<String> lines = new ArrayList<>();
        columns(p).forEach(c -> lines.add("column " + c));
        if (p.containsKey("schema.watermark.0.rowtime")) {
            lines.add("watermark " + p.get("schema.watermark.0.rowtime") + " AS "
                    + p.getOrDefault("schema.watermark.0.strategy.expr", ""));
        }
        if (p.containsKey("schema.primary-key.columns")) {
            lines.add("primary key (" + p.get("schema.primary-key.columns") + ")");
        }
        p.forEach((k, v) -> {
            Matcher m = COLUMN_KEY.matcher(k);
            if (!k.startsWith("schema.") && !m.matches()) {
                lines.add("option '" + k + "' = '" + v + "'");
            }
        });
        return lines;
    }
}
