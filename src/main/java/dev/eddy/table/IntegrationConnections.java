package dev.eddy.table;

import dev.eddy.integration.Integration;
import dev.eddy.integration.IntegrationService;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Eddy's own table connections: integrations as {@link IntegrationService} knows them, a service
 * last seen down read again before a job uses it.
 */
@Component
class IntegrationConnections extends TableConnections {

    IntegrationConnections(IntegrationService integrations) {
        super(new TableConnections.Directory() {
            @Override
            public Optional<Integration> integration(String name) {
                return integrations.find(name);
            }

            @Override
            public Map<String, String> connection(Integration integration, boolean write) {
                return integrations.flinkOptions(integration.name(), write);
            }
        });
    }
}
