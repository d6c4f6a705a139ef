package dev.eddy.embedded;

import dev.eddy.config.Secret;
import dev.eddy.integration.IntegrationDraft;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.IntegrationSeed;
import dev.eddy.integration.KafkaSettings;
import dev.eddy.integration.PostgresSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The embedded Kafka and the sample PostgreSQL, registered as integrations so the first run shows them. */
public final class SampleIntegrations implements IntegrationSeed {
    public static final String KAFKA = "local-kafka";
    public static final String POSTGRES = "sample-postgres";
    private final EmbeddedStack stack;

    public SampleIntegrations(EmbeddedStack stack) {
        this.stack = stack;
    }

    @Override
    public List<IntegrationDraft> integrations() {
        List<IntegrationDraft> drafts = new ArrayList<>();
        stack.kafkaBootstrapServers().ifPresent(bootstrap -> drafts.add(new IntegrationDraft(KAFKA,
                IntegrationKind.KAFKA, Map.of(KafkaSettings.BOOTSTRAP_SERVERS, bootstrap,
                        KafkaSettings.SECURITY_PROTOCOL, "PLAINTEXT"), Map.of())));
        stack.postgresPort().ifPresent(port -> drafts.add(new IntegrationDraft(POSTGRES, IntegrationKind.POSTGRES,
                Map.of(PostgresSettings.HOST, "127.0.0.1", PostgresSettings.PORT, String.valueOf(port),
                        PostgresSettings.DATABASE, SampleDatabase.NAME, PostgresSettings.SSL_MODE, "disable",
                        PostgresSettings.READ_USER, stack.sampleReader()[0], PostgresSettings.WRITE_USER,
                        stack.sampleWriter()[0]),
                Map.of(PostgresSettings.READ_PASSWORD, Secret.of(stack.sampleReader()[1]),
                        PostgresSettings.WRITE_PASSWORD, Secret.of(stack.sampleWriter()[1])))));
        return drafts;
    }
}
