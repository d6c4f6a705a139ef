package dev.eddy.sql;

import dev.eddy.security.CurrentUser;
import dev.eddy.catalog.SchemaNode;
import dev.eddy.catalog.SchemaService;
import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.ResultRow;
import dev.eddy.query.SqlConsole;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The editor's helper for one console: completes and checks scripts from what it last read of the
 * console's session and of the integrations, and re-reads the session in the background (after a
 * statement changed it, or when its picture is a minute old), so a keystroke never waits.
 */
public final class SqlAssistant {
    private static final Logger LOG = LoggerFactory.getLogger(SqlAssistant.class);
    private static final Duration MAX_AGE = Duration.ofMinutes(1);
    private static final String EXPLAIN = "EXPLAIN ";
    private final SqlConsole console;
    private final SchemaService schema;
    private final CompletionService service;
    private final Executor background;
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private final SqlCompleter completer = new SqlCompleter();
    private volatile SessionObjects session = SessionObjects.EMPTY;
    private volatile Instant readAt = Instant.EPOCH;

    SqlAssistant(SqlConsole console, SchemaService schema, CompletionService service, Executor background) {
        this.console = console;
        this.schema = schema;
        this.service = service;
        this.background = background;
    }

    /** Suggestions at the cursor, from the cached pictures only. */
    public Completions complete(String script, int cursor, boolean explicit) {
        if (readAt.isBefore(Instant.now().minus(MAX_AGE))) {
            refresh();
        }
        return completer.complete(script, cursor, explicit, session, service.external());
    }

    /** Syntax errors of the script, by Flink's parser. */
    public List<SyntaxProblem> check(String script) {
        return SyntaxChecker.check(script);
    }

    /** The plan Flink would run the statement with, as {@code EXPLAIN} prints it; blocks on the gateway. */
    public String explain(String statement) {
        List<ResultRow> rows;
        try {
            rows = console.collect(EXPLAIN + statement, 1).rows();
        } catch (GatewayException e) {
            throw withoutExplainPrefix(e);
        }
        return rows.isEmpty() || rows.get(0).fields().isEmpty() ? "" : String.valueOf(rows.get(0).fields().get(0));
    }

    /**
     * The error of a statement with what Eddy can add: the place in the statement when Flink named
     * none (a query item that does not fit its sink column) and what the session's catalog suggests
     * (similar table, column or function names).
     */
    public GatewayException withHints(GatewayException error, String statement) {
        return ErrorHints.enrich(SinkMismatchPlace.place(error, statement), session);
    }

    /** Flink places errors in "EXPLAIN statement": on the first line, the columns the prefix took are the user's. */
    static GatewayException withoutExplainPrefix(GatewayException e) {
        if (e.line().orElse(0) != 1 || e.column().isEmpty()) {
            return e;
        }
        int column = Math.max(1, e.column().get() - EXPLAIN.length());
        return new GatewayException(e.kind(), e.getMessage(), e.rootCause(), e.detail(), 1, column, e.hint().orElse(null));
    }

    /** What the session's catalog held when last read. */
    public SessionObjects session() {
        return session;
    }

    /**
     * Re-reads the session's catalogs in the background (call after a statement changed them). A
     * request while a read runs makes it read once more afterwards, so the newest change is seen.
     */
    public void refresh() {
        wanted.set(true);
        if (!reading.compareAndSet(false, true)) {
            return;
        }
        background.execute(CurrentUser.carrying(() -> {
            try {
                while (wanted.getAndSet(false)) {
                    try {
                        session = read();
                    } catch (RuntimeException e) {
                        LOG.debug("Could not read the session's catalogs for completion", e);
                    }
                    readAt = Instant.now();
                }
            } finally {
                reading.set(false);
                if (wanted.get()) {
                    refresh();
                }
            }
        }));
    }

    /** Reads the session now, on the calling thread; for tests and start-up. */
    public SessionObjects readNow() {
        session = read();
        readAt = Instant.now();
        return session;
    }

    private SessionObjects read() {
        String catalog = single("SHOW CURRENT CATALOG", SessionObjects.EMPTY.currentCatalog());
        String database = single("SHOW CURRENT DATABASE", SessionObjects.EMPTY.currentDatabase());
        Map<String, List<String>> databases = new LinkedHashMap<>();
        List<SessionObjects.Table> tables = new ArrayList<>();
        List<String> functions = new ArrayList<>();
        for (SchemaNode c : schema.flink(console)) {
            if (c.kind() != SchemaNode.Kind.CATALOG) {
                continue;
            }
            List<String> names = new ArrayList<>();
            for (SchemaNode d : c.children()) {
                names.add(d.label());
                for (SchemaNode t : d.children()) {
                    if (t.kind() == SchemaNode.Kind.TABLE || t.kind() == SchemaNode.Kind.VIEW) {
                        List<SessionObjects.Column> columns = new ArrayList<>();
                        t.children().stream().filter(n -> n.kind() == SchemaNode.Kind.COLUMN)
                                .forEach(n -> columns.add(new SessionObjects.Column(n.label(), n.detail())));
                        tables.add(new SessionObjects.Table(c.label(), d.label(), t.label(),
                                t.kind() == SchemaNode.Kind.VIEW, List.copyOf(columns)));
                    } else if (t.kind() == SchemaNode.Kind.FUNCTIONS && c.label().equals(catalog)
                            && d.label().equals(database)) {
                        t.children().forEach(f -> functions.add(f.label()));
                    }
                }
            }
            databases.put(c.label(), List.copyOf(names));
        }
        return new SessionObjects(catalog, database, databases, List.copyOf(tables), List.copyOf(functions),
                schema.userFunctions());
    }

    private String single(String statement, String fallback) {
        try {
            List<ResultRow> rows = console.collect(statement, 1).rows();
            return rows.isEmpty() || rows.get(0).fields().isEmpty() ? fallback : String.valueOf(rows.get(0).fields().get(0));
        } catch (GatewayException e) {
            return fallback;
        }
    }
}
