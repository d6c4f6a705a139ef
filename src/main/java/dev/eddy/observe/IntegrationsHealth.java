package dev.eddy.observe;

import dev.eddy.integration.IntegrationService;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the services of Eddy's integrations (Kafka clusters, PostgreSQL servers) accept connections
 * ({@code /actuator/health}, component {@code integrations}): down when any does not, naming it and why.
 * Not part of readiness: Eddy serves everything else while one of them is away.
 */
@Component("integrations")
class IntegrationsHealth implements HealthIndicator {
    private final IntegrationService integrations;

    IntegrationsHealth(IntegrationService integrations) {
        this.integrations = integrations;
    }

    @Override
    public Health health() {
        Map<String, Optional<String>> all = integrations.reachability();
        Health.Builder health = all.values().stream().allMatch(Optional::isEmpty) ? Health.up() : Health.down();
        all.forEach((name, problem) -> health.withDetail(name, problem.map(p -> "unreachable: " + p).orElse("reachable")));
        return health.build();
    }
}
