package dev.eddy.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.config.Endpoints;
import dev.eddy.config.Secret;
import dev.eddy.support.EddyIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Integrations on the real embedded Kafka and PostgreSQL: built-ins, connection tests, secrets at rest. */
@EddyIntegrationTest
class IntegrationServiceIT {
    @Autowired
    IntegrationService integrations;
    @Autowired
    Endpoints endpoints;
    @Autowired
    JdbcTemplate store;

    @Test
    void embeddedServicesAreRegisteredAndWork() {
        assertThat(integrations.list()).extracting(Integration::name).contains("local-kafka", "sample-postgres");
        ConnectionCheck kafka = integrations.test("local-kafka");
        assertThat(kafka.ok()).as(kafka.summary()).isTrue();
        assertThat(kafka.summary()).startsWith("Connected to " + endpoints.kafkaBootstrapServers()).contains("topic");
        ConnectionCheck postgres = integrations.test("sample-postgres");
        assertThat(postgres.ok()).as(postgres.summary()).isTrue();
        assertThat(postgres.summary()).contains("tables visible");
    }

    @Test
    void unreachableKafkaAnswersWithinSecondsInWords() {
        ConnectionCheck check = integrations.test(new IntegrationDraft("nowhere-kafka", IntegrationKind.KAFKA,
                Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "127.0.0.1:1"), Map.of()));
        assertThat(check.ok()).isFalse();
        assertThat(check.summary()).startsWith("No answer from 127.0.0.1:1 within 5 s");
        assertThat(check.took()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void missingDatabaseIsNamed() {
        ConnectionCheck check = integrations.test(postgres("wrong-db", "nosuchdb", "postgres"));
        assertThat(check.ok()).isFalse();
        assertThat(check.summary()).isEqualTo("Database nosuchdb does not exist on 127.0.0.1:" + port());
    }

    @Test
    void unreachablePostgresIsNamed() {
        IntegrationDraft draft = new IntegrationDraft("dead-postgres", IntegrationKind.POSTGRES,
                Map.of(PostgresSettings.HOST, "127.0.0.1", PostgresSettings.PORT, "1", PostgresSettings.DATABASE, "x",
                        PostgresSettings.READ_USER, "reader"), Map.of());
        ConnectionCheck check = integrations.test(draft);
        assertThat(check.ok()).isFalse();
        assertThat(check.summary()).startsWith("Cannot reach PostgreSQL at 127.0.0.1:1");
    }

    @Test
    void secretsAreEncryptedAtRestKeptOnEditAndNeverShown() {
        IntegrationDraft draft = new IntegrationDraft("secret-kafka", IntegrationKind.KAFKA, Map.of(
                KafkaSettings.BOOTSTRAP_SERVERS, "kafka.example:9092", KafkaSettings.SECURITY_PROTOCOL, "SASL_SSL",
                KafkaSettings.READ_USER, "reader"), Map.of(KafkaSettings.READ_PASSWORD, Secret.of("hunter2-very-secret")));
        Integration saved = integrations.save(draft);
        assertThat(saved.secretsSet()).containsExactly(KafkaSettings.READ_PASSWORD);
        assertThat(saved.toString()).doesNotContain("hunter2");
        byte[] raw = store.queryForObject("SELECT secrets FROM integration WHERE name = 'secret-kafka'", byte[].class);
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain("hunter2");
        String settings = store.queryForObject("SELECT settings::text FROM integration WHERE name = 'secret-kafka'",
                String.class);
        assertThat(settings).doesNotContain("hunter2");

        Integration edited = integrations.save(new IntegrationDraft("secret-kafka", IntegrationKind.KAFKA,
                Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "kafka.example:9093", KafkaSettings.SECURITY_PROTOCOL,
                        "SASL_SSL", KafkaSettings.READ_USER, "reader"), Map.of()));
        assertThat(edited.secretsSet()).as("a password left out keeps its stored value")
                .containsExactly(KafkaSettings.READ_PASSWORD);
        assertThat(edited.address()).isEqualTo("kafka.example:9093");
        integrations.delete("secret-kafka");
        assertThat(integrations.list()).extracting(Integration::name).doesNotContain("secret-kafka");
    }

    @Test
    void builtInsCannotBeRemovedOrChanged() {
        assertThatThrownBy(() -> integrations.delete("local-kafka")).isInstanceOf(IntegrationException.class)
                .hasMessageContaining("built in");
        assertThatThrownBy(() -> integrations.save(new IntegrationDraft("local-kafka", IntegrationKind.KAFKA,
                Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "elsewhere:9092"), Map.of())))
                .isInstanceOf(IntegrationException.class);
    }

    @Test
    void badNamesAndMissingFieldsAreExplained() {
        assertThatThrownBy(() -> integrations.save(new IntegrationDraft("Bad Name", IntegrationKind.KAFKA,
                Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "x:1"), Map.of()))).hasMessageContaining("lower case");
        assertThatThrownBy(() -> integrations.save(new IntegrationDraft("no-bootstrap", IntegrationKind.KAFKA,
                Map.of(), Map.of()))).hasMessageContaining("Bootstrap servers are needed");
    }

    private IntegrationDraft postgres(String name, String database, String user) {
        return new IntegrationDraft(name, IntegrationKind.POSTGRES, Map.of(PostgresSettings.HOST, "127.0.0.1",
                PostgresSettings.PORT, port(), PostgresSettings.DATABASE, database, PostgresSettings.SSL_MODE, "disable",
                PostgresSettings.READ_USER, user), Map.of());
    }

    private String port() {
        return integrations.get("sample-postgres").setting(PostgresSettings.PORT);
    }
}
