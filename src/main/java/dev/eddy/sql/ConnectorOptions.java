package dev.eddy.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.HtmlFormatter;
import org.apache.flink.table.factories.DecodingFormatFactory;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.EncodingFormatFactory;
import org.apache.flink.table.factories.Factory;

/**
 * The connectors and formats Flink finds on Eddy's class path, and their WITH options with
 * defaults, allowed values and descriptions, read from the factories themselves.
 */
public final class ConnectorOptions {
    private static final ConnectorOptions INSTANCE = new ConnectorOptions();

    /** One WITH option: its key, whether it is required, its default, allowed values, and what it does. */
    public record Option(String key, boolean required, String defaultValue, List<String> values, String description) {}

    private final Map<String, String> connectors = new TreeMap<>();
    private final Map<String, String> formats = new TreeMap<>();
    private final Map<String, List<Option>> options = new LinkedHashMap<>();

    private ConnectorOptions() {
        Iterator<Factory> it = ServiceLoader.load(Factory.class, ConnectorOptions.class.getClassLoader()).iterator();
        while (true) {
            Factory f;
            try {
                if (!it.hasNext()) {
                    break;
                }
                f = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                // A factory whose classes are not all present cannot be used; Flink skips it too.
                continue;
            }
            boolean source = f instanceof DynamicTableSourceFactory;
            boolean sink = f instanceof DynamicTableSinkFactory;
            boolean format = f instanceof DecodingFormatFactory || f instanceof EncodingFormatFactory;
            if (source || sink) {
                connectors.put(f.factoryIdentifier(), source && sink ? "source and sink" : source ? "source" : "sink");
            } else if (format) {
                formats.put(f.factoryIdentifier(), "format");
            } else {
                continue;
            }
            List<Option> list = new ArrayList<>();
            f.requiredOptions().forEach(o -> list.add(describe(o, true)));
            f.optionalOptions().forEach(o -> list.add(describe(o, false)));
            options.merge(f.factoryIdentifier(), list, (a, b) -> {
                List<Option> merged = new ArrayList<>(a);
                b.stream().filter(o -> a.stream().noneMatch(x -> x.key().equals(o.key()))).forEach(merged::add);
                return merged;
            });
        }
    }

    public static ConnectorOptions get() {
        return INSTANCE;
    }

    /** Connector names with whether each reads, writes or both. */
    public Map<String, String> connectors() {
        return Collections.unmodifiableMap(connectors);
    }

    public Map<String, String> formats() {
        return Collections.unmodifiableMap(formats);
    }

    /** The options of a connector or format; empty when Flink has no such factory here. */
    public List<Option> options(String identifier) {
        return options.getOrDefault(identifier, List.of());
    }

    static Option describe(ConfigOption<?> o, boolean required) {
        Object def = o.hasDefaultValue() ? o.defaultValue() : null;
        List<String> values = new ArrayList<>();
        if (def != null && def.getClass().isEnum()) {
            for (Object constant : def.getClass().getEnumConstants()) {
                values.add(constant.toString());
            }
        } else if (def instanceof Boolean) {
            values.addAll(List.of("true", "false"));
        }
        String description = "";
        try {
            description = new HtmlFormatter().format(o.description()).replaceAll("<[^>]+>", "")
                    .replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                    .replace("&amp;", "&").strip();
        } catch (RuntimeException e) {
            // A description that cannot be formatted is left out.
        }
        return new Option(o.key(), required, def == null ? null : def.toString(), values, description);
    }
}
