package dev.eddy.table;

import dev.eddy.integration.IntegrationException;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.KafkaSettings;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.table.api.ValidationException;
import org.springframework.stereotype.Component;

/** Fills in a table's connection from the integration it names, checking the two fit together. */
@Component
class IntegrationConnections implements ConnectionResolver {
    private final IntegrationService integrations;

    IntegrationConnections(IntegrationService integrations) {
        this.integrations = integrations;
    }

    /** Each avro-confluent format of the table gets the integration's schema registry. */
    private void registry(String name, Map<String, String> table, Map<String, String> options) {
        for (String prefix : new String[] {"", "key.", "value."}) {
            String format = table.get(prefix.isEmpty() ? "format" : prefix + "format");
            String key = prefix + "avro-confluent.url";
            if ("avro-confluent".equals(format) && !table.containsKey(key)) {
                String url = integrations.get(name).setting(KafkaSettings.SCHEMA_REGISTRY_URL);
                if (url.isBlank()) {
                    throw new ValidationException("The table reads avro-confluent, but " + name + " has no schema "
                            + "registry URL: add it to the integration on the Integrations page");
                }
                options.put(key, url);
            }
        }
    }

    @Override
    public Map<String, String> resolve(Map<String, String> tableOptions, boolean write) {
        Map<String, String> options = new HashMap<>(tableOptions);
        options.keySet().removeIf(k -> k.startsWith("eddy."));
        String name = tableOptions.get(INTEGRATION);
        if (name == null || name.isBlank()) {
            return options;
        }
        try {
            Map<String, String> connection = integrations.flinkOptions(name, write);
            IntegrationKind kind = integrations.get(name).kind();
            String connector = tableOptions.getOrDefault("connector", "");
            IntegrationKind expected = connector.equals("jdbc") ? IntegrationKind.POSTGRES : IntegrationKind.KAFKA;
            if (kind != expected) {
                throw new ValidationException("The table's connector '" + connector + "' cannot use " + name
                        + ", a " + kind.label() + " integration");
            }
            options.putAll(connection);
            registry(name, tableOptions, options);
            return options;
        } catch (IntegrationException e) {
            throw new ValidationException(e.getMessage());
        }
    }
}
