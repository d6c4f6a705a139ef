package dev.eddy.table;

import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;

/**
 * The table factory of Eddy's catalog: it fills in the integration's connection (with the
 * read-only credential for a source, the read-write one for a sink) and hands the table to the
 * connector its {@code 'connector'} option names. So passwords never sit in the catalog, in a
 * DDL a user sees, or in the session's configuration.
 */
final class IntegrationTableFactory implements DynamicTableSourceFactory, DynamicTableSinkFactory {
    private static final ConfigOption<Boolean> TRUSTED_WRITER = ConfigOptions.key(ConnectionResolver.TRUSTED_WRITER)
            .booleanType().defaultValue(false);
    private final ConnectionResolver connections;

    IntegrationTableFactory(ConnectionResolver connections) {
        this.connections = connections;
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        ResolvedCatalogTable table = context.getCatalogTable();
        return FactoryUtil.createDynamicTableSource(null, context.getObjectIdentifier(),
                table.copy(connections.resolve(table.getOptions(), false, false)), context.getEnrichmentOptions(),
                context.getConfiguration(), context.getClassLoader(), context.isTemporary());
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        ResolvedCatalogTable table = context.getCatalogTable();
        return FactoryUtil.createDynamicTableSink(null, context.getObjectIdentifier(),
                table.copy(connections.resolve(table.getOptions(), true,
                        context.getConfiguration().get(TRUSTED_WRITER))), context.getEnrichmentOptions(),
                context.getConfiguration(), context.getClassLoader(), context.isTemporary());
    }

    @Override
    public String factoryIdentifier() {
        return "eddy-integration";
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of();
    }
}
