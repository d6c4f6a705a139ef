package dev.eddy.sql;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.table.api.config.OptimizerConfigOptions;
import org.apache.flink.table.api.config.TableConfigOptions;

/** The options a {@code SET 'key' = 'value'} may name, read from Flink's own option classes. */
final class SessionOptions {
    private static final List<ConnectorOptions.Option> OPTIONS = read(ExecutionConfigOptions.class,
            OptimizerConfigOptions.class, TableConfigOptions.class, ExecutionOptions.class, PipelineOptions.class,
            CheckpointingOptions.class, RestartStrategyOptions.class, StateBackendOptions.class, CoreOptions.class);

    private SessionOptions() {}

    static List<ConnectorOptions.Option> all() {
        return OPTIONS;
    }

    private static List<ConnectorOptions.Option> read(Class<?>... holders) {
        Map<String, ConnectorOptions.Option> byKey = new TreeMap<>();
        for (Class<?> holder : holders) {
            for (Field f : holder.getFields()) {
                if (!Modifier.isStatic(f.getModifiers()) || !ConfigOption.class.isAssignableFrom(f.getType())
                        || f.isAnnotationPresent(Deprecated.class)) {
                    continue;
                }
                try {
                    ConfigOption<?> o = (ConfigOption<?>) f.get(null);
                    byKey.putIfAbsent(o.key(), ConnectorOptions.describe(o, false));
                } catch (IllegalAccessException | RuntimeException e) {
                    // An option that cannot be read is simply not offered.
                }
            }
        }
        return Collections.unmodifiableList(new ArrayList<>(byKey.values()));
    }
}
