package dev.eddy.table;

import dev.eddy.integration.IntegrationException;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.IntegrationService;
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
            return options;
        } catch (IntegrationException e) {
            throw new ValidationException(e.getMessage());
        }
    }
}
