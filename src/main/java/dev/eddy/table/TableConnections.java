package dev.eddy.table;

import dev.eddy.integration.Integration;
import dev.eddy.integration.IntegrationException;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.KafkaSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.table.api.ValidationException;

/**
 * Fills in a table's connection from the integration it names, checking the two fit together:
 * the same in Eddy and in the catalog jar of a remote gateway, which differ only in where they
 * find integrations ({@link Directory}).
 */
public class TableConnections implements ConnectionResolver {
    private final Directory directory;

    /** Where integrations and their connections come from. */
    public interface Directory {
        /** The integration by that name, if there is one. */
        Optional<Integration> integration(String name);

        /** Its connector options for a source or a sink; {@link IntegrationException} when it cannot be reached. */
        Map<String, String> connection(Integration integration, boolean write);
    }

    public TableConnections(Directory directory) {
        this.directory = directory;
    }

    @Override
    public Map<String, String> resolve(Map<String, String> tableOptions, boolean write, boolean trustedWriter) {
        Map<String, String> options = new HashMap<>(tableOptions);
        options.keySet().removeIf(k -> k.startsWith("eddy."));
        String name = tableOptions.get(INTEGRATION);
        if (name == null || name.isBlank()) {
            return options;
        }
        try {
            Integration integration = directory.integration(name).orElseThrow(() -> new ValidationException(
                    "The table names integration " + name + ", which does not exist (any more): add it again on "
                    + "Eddy's Integrations page, or edit the table"));
            String connector = tableOptions.getOrDefault("connector", "");
            IntegrationKind expected = connector.equals("jdbc") ? IntegrationKind.POSTGRES : IntegrationKind.KAFKA;
            if (integration.kind() != expected) {
                throw new ValidationException("The table's connector '" + connector + "' cannot use " + name
                        + ", " + integration.kind().withArticle() + " integration");
            }
            if (write && integration.developersReadOnly() && !trustedWriter) {
                throw new ValidationException("Integration " + name + " is read-only for developers: its tables can "
                        + "be read, not written to. Write to a table of another integration, or ask an admin to run "
                        + "this statement or deploy this job.");
            }
            options.putAll(directory.connection(integration, write));
            registry(integration, tableOptions, options);
            return options;
        } catch (IntegrationException e) {
            throw new ValidationException(e.getMessage());
        }
    }

    /** Each avro-confluent format of the table gets the integration's schema registry. */
    private static void registry(Integration integration, Map<String, String> table, Map<String, String> options) {
        for (String prefix : new String[] {"", "key.", "value."}) {
            String format = table.get(prefix.isEmpty() ? "format" : prefix + "format");
            String key = prefix + "avro-confluent.url";
            if ("avro-confluent".equals(format) && !table.containsKey(key)) {
                String url = integration.setting(KafkaSettings.SCHEMA_REGISTRY_URL);
                if (url.isBlank()) {
                    throw new ValidationException("The table reads avro-confluent, but " + integration.name()
                            + " has no schema registry URL: add it to the integration on the Integrations page");
                }
                options.put(key, url);
            }
        }
    }
}
