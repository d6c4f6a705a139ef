package dev.eddy.integration;

import java.util.List;

/** Integrations that exist from the first start (the embedded Kafka and sample PostgreSQL). */
public interface IntegrationSeed {
    List<IntegrationDraft> integrations();
}
