package dev.eddy.sql;

import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import dev.eddy.catalog.SchemaService;
import dev.eddy.integration.Integration;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.Metadata;
import dev.eddy.integration.PostgresSettings;
import dev.eddy.integration.PostgresTable;
import dev.eddy.integration.TopicInfo;
import dev.eddy.query.SqlConsole;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Service;

/**
 * Gives each console its {@link SqlAssistant} and keeps the picture of the integrations that every
 * assistant completes from, rebuilt only when an integration's metadata changed.
 */
@Service
public class CompletionService {
    private final SchemaService schema;
    private final IntegrationService integrations;
    private final ExecutorService background = Executors.newFixedThreadPool(2, dev.eddy.config.DaemonThreads.named("eddy-completion-refresh"));
    private volatile Snapshot last = new Snapshot(Map.of(), ExternalObjects.EMPTY);

    public CompletionService(SchemaService schema, IntegrationService integrations) {
        this.schema = schema;
        this.integrations = integrations;
    }

    /** An assistant for the console; it starts reading the console's session at once, in the background. */
    @Requires(Role.VIEWER)
    public SqlAssistant assistant(SqlConsole console) {
        SqlAssistant assistant = new SqlAssistant(console, schema, this, background);
        assistant.refresh();
        integrations.cachedMetadata();
        return assistant;
    }

    /** Topics, PostgreSQL tables and addresses of every integration, as last read; never waits. */
    ExternalObjects external() {
        Map<Integration, Metadata> now = integrations.cachedMetadata();
        Snapshot snapshot = last;
        if (!sameInstances(snapshot.source(), now)) {
            snapshot = new Snapshot(now, build(now));
            last = snapshot;
        }
        return snapshot.objects();
    }

    private record Snapshot(Map<Integration, Metadata> source, ExternalObjects objects) {}

    private static boolean sameInstances(Map<Integration, Metadata> a, Map<Integration, Metadata> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<Integration, Metadata> e : b.entrySet()) {
            if (a.get(e.getKey()) != e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static ExternalObjects build(Map<Integration, Metadata> all) {
        List<ExternalObjects.Item> topics = new ArrayList<>();
        List<ExternalObjects.Item> tables = new ArrayList<>();
        List<ExternalObjects.Item> servers = new ArrayList<>();
        List<ExternalObjects.Item> urls = new ArrayList<>();
        all.forEach((integration, metadata) -> {
            if (integration.kind() == IntegrationKind.KAFKA) {
                servers.add(new ExternalObjects.Item(integration.address(), integration.name(), "bootstrap servers"));
                for (TopicInfo t : metadata.topics()) {
                    topics.add(new ExternalObjects.Item(t.name(), integration.name(), t.partitions()
                            + (t.partitions() == 1 ? " partition" : " partitions") + ", ~" + t.messages() + " messages"));
                }
            } else if (integration.kind() == IntegrationKind.POSTGRES) {
                urls.add(new ExternalObjects.Item(PostgresSettings.jdbcUrl(integration), integration.name(), "JDBC URL"));
                for (PostgresTable t : metadata.tables()) {
                    tables.add(new ExternalObjects.Item(t.qualifiedName(), integration.name(),
                            (t.view() ? "view, " : "table, ") + t.columns().size() + " columns"));
                }
            }
        });
        return new ExternalObjects(List.copyOf(topics), List.copyOf(tables), List.copyOf(servers), List.copyOf(urls));
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
