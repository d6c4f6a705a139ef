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
        assertThat(postgres.summary()).as("the sample integration reads through its own read-only role, by password")
                .contains("connected as sample_reader", "tables readable").doesNotContain("did not check the password");
    }

    @Test
    void anEddyWithAnotherKeyStillListsEveryIntegrationAndSaysWhichSecretsToEnterAgain() {
        // An Eddy given the wrong key file (as a second Eddy on the same store can be): it must start and list.
        IntegrationRepository otherKey = new IntegrationRepository(store, new dev.eddy.security.SecretCipher(new byte[32]),
                new com.fasterxml.jackson.databind.ObjectMapper());
        Integration sample = otherKey.findAll().stream().filter(i -> i.name().equals("sample-postgres")).findFirst()
                .orElseThrow();
        assertThat(sample.secretsSet()).as("secrets it cannot read are not claimed").isEmpty();
        assertThatThrownBy(() -> otherKey.secrets("sample-postgres")).hasMessageContaining("Enter the password again");
    }

    @Test
    void aRefusedKafkaConnectionIsSaidAtOnceInWords() {
        ConnectionCheck check = integrations.test(new IntegrationDraft("nowhere-kafka", IntegrationKind.KAFKA,
                Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "127.0.0.1:1"), Map.of()));
        assertThat(check.ok()).isFalse();
        assertThat(check.summary()).startsWith("Nothing listens at 127.0.0.1:1 (connection refused)");
        System.out.println("A refused Kafka connection was told in " + check.took().toMillis() + " ms");
        assertThat(check.took()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void missingDatabaseIsNamed() {
        ConnectionCheck check = integrations.test(postgres("wrong-db", "nosuchdb", endpoints.storeUser()));
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
        assertThat(check.summary()).startsWith("Cannot reach PostgreSQL: nothing listens at 127.0.0.1:1 (connection refused)");
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

        Integration renamedUser = integrations.save(new IntegrationDraft("secret-kafka", IntegrationKind.KAFKA,
                Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "kafka.example:9092", KafkaSettings.SECURITY_PROTOCOL,
                        "SASL_SSL", KafkaSettings.READ_USER, "reader", KafkaSettings.WRITE_USER, "writer"), Map.of()));
        assertThat(renamedUser.secretsSet()).as("a password left out keeps its stored value while the address stays")
                .containsExactly(KafkaSettings.READ_PASSWORD);
        Integration moved = integrations.save(new IntegrationDraft("secret-kafka", IntegrationKind.KAFKA,
                Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "kafka.example:9093", KafkaSettings.SECURITY_PROTOCOL,
                        "SASL_SSL", KafkaSettings.READ_USER, "reader"), Map.of()));
        assertThat(moved.secretsSet()).as("a changed address drops the stored password").isEmpty();
        assertThat(moved.address()).isEqualTo("kafka.example:9093");
        integrations.delete("secret-kafka");
        assertThat(integrations.list()).extracting(Integration::name).doesNotContain("secret-kafka");
    }

    @Test
    void aStoredPasswordNeverReachesAnEditedAddress() throws Exception {
        integrations.save(new IntegrationDraft("moving-postgres", IntegrationKind.POSTGRES, Map.of(
                PostgresSettings.HOST, "db.example", PostgresSettings.PORT, "5432", PostgresSettings.DATABASE, "shop",
                PostgresSettings.READ_USER, "reader"), Map.of(PostgresSettings.READ_PASSWORD, Secret.of("stored-pg-password"))));
        try (PasswordCatcher catcher = new PasswordCatcher()) {
            IntegrationDraft elsewhere = new IntegrationDraft("moving-postgres", IntegrationKind.POSTGRES, Map.of(
                    PostgresSettings.HOST, "127.0.0.1", PostgresSettings.PORT, String.valueOf(catcher.port()),
                    PostgresSettings.DATABASE, "shop", PostgresSettings.READ_USER, "reader"), Map.of());
            integrations.test(elsewhere);
            integrations.save(elsewhere);
            integrations.test("moving-postgres");
            assertThat(catcher.heard()).as("the fake server was asked").contains("reader")
                    .doesNotContain("stored-pg-password");

            IntegrationDraft typedAgain = new IntegrationDraft("moving-postgres", IntegrationKind.POSTGRES,
                    elsewhere.settings(), Map.of(PostgresSettings.READ_PASSWORD, Secret.of("typed-for-the-new-host")));
            integrations.test(typedAgain);
            assertThat(catcher.heard()).as("a password typed for the new address is used").contains("typed-for-the-new-host");
        } finally {
            integrations.delete("moving-postgres");
        }
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

    @Test
    void kafkaMetadataListsTopicsWithCountsAndRetention() {
        Metadata m = integrations.refresh("local-kafka");
        assertThat(m.lastError()).isEmpty();
        TopicInfo orders = m.topics().stream().filter(t -> t.name().equals("orders")).findFirst().orElseThrow();
        assertThat(orders.partitions()).isEqualTo(1);
        assertThat(orders.messages()).isPositive();
        assertThat(orders.retention()).contains(Duration.ofDays(7));
        assertThat(integrations.metadata("local-kafka").fetchedAt()).as("served from the cache")
                .isEqualTo(m.fetchedAt());
    }

    @Test
    void kafkaMetadataListsConsumerGroupsWithTheirLag() throws Exception {
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", endpoints.kafkaBootstrapServers());
        props.put("group.id", "lag-check");
        props.put("enable.auto.commit", "false");
        props.put("key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        props.put("value.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        org.apache.kafka.common.TopicPartition orders = new org.apache.kafka.common.TopicPartition("orders", 0);
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(props)) {
            // Commit offset 0: every message of the topic is still to be read by this group.
            consumer.commitSync(Map.of(orders, new org.apache.kafka.clients.consumer.OffsetAndMetadata(0)));
        }
        Metadata m = integrations.refresh("local-kafka");
        ConsumerGroupInfo group = m.groups().stream().filter(g -> g.id().equals("lag-check")).findFirst().orElseThrow();
        assertThat(group.topics()).containsExactly("orders");
        assertThat(group.members()).isZero();
        TopicInfo topic = m.topics().stream().filter(t -> t.name().equals("orders")).findFirst().orElseThrow();
        assertThat(group.lag()).isPositive().isGreaterThanOrEqualTo(topic.messages());
    }

    @Test
    void previewShowsTheLatestMessagesNewestFirstWithJsonPrettyPrinted() {
        java.util.List<TopicMessage> latest = integrations.preview("local-kafka", "orders", 5);
        assertThat(latest).hasSize(5);
        assertThat(latest).allMatch(TopicMessage::json);
        assertThat(latest.get(0).value()).contains("\"order_id\"").contains("\n");
        assertThat(latest.get(0).offset()).isGreaterThan(latest.get(4).offset());
    }

    @Test
    void binaryMessagesAreShownSafelyAndMissingTopicsNamed() throws Exception {
        String topic = "bytes-" + java.util.UUID.randomUUID();
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers",
                endpoints.kafkaBootstrapServers()))) {
            admin.createTopics(java.util.List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1)))
                    .all().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(Map.of(
                "bootstrap.servers", endpoints.kafkaBootstrapServers(),
                "key.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class,
                "value.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class))) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, null,
                    new byte[] {0, 1, 2, (byte) 0xff})).get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        java.util.List<TopicMessage> messages = integrations.preview("local-kafka", topic, 10);
        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.value()).isEqualTo("0x000102ff");
            assertThat(m.json()).isFalse();
        });
        assertThatThrownBy(() -> integrations.preview("local-kafka", "no-such-topic-" + topic, 5))
                .isInstanceOf(IntegrationException.class).hasMessageContaining("does not exist");
    }

    @Test
    void postgresMetadataHasColumnsTypesAndKeys() {
        Metadata m = integrations.refresh("sample-postgres");
        PostgresTable customers = m.tables().stream().filter(t -> t.name().equals("customers")).findFirst()
                .orElseThrow();
        assertThat(customers.columns()).first().isEqualTo(new PostgresTable.Column("id", "integer", false, true));
        assertThat(customers.columns()).extracting(PostgresTable.Column::name)
                .containsExactly("id", "name", "email", "country", "created_at");
    }

    @Test
    void anUnreachableServiceKeepsItsErrorAndSinceWhen() {
        integrations.save(new IntegrationDraft("gone-kafka", IntegrationKind.KAFKA,
                Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "127.0.0.1:1"), Map.of()));
        try {
            Metadata m = integrations.metadata("gone-kafka");
            assertThat(m.lastError()).get().asString().startsWith("Nothing listens at 127.0.0.1:1");
            assertThat(integrations.metadata("gone-kafka")).as("a service just found down is not asked on every look")
                    .isSameAs(m);
            assertThat(m.failingSince()).isPresent();
            assertThat(integrations.refresh("gone-kafka").failingSince()).as("since the first failure")
                    .isEqualTo(m.failingSince());
        } finally {
            integrations.delete("gone-kafka");
        }
    }

    private IntegrationDraft postgres(String name, String database, String user) {
        return new IntegrationDraft(name, IntegrationKind.POSTGRES, Map.of(PostgresSettings.HOST, "127.0.0.1",
                PostgresSettings.PORT, port(), PostgresSettings.DATABASE, database, PostgresSettings.SSL_MODE, "disable",
                PostgresSettings.READ_USER, user), Map.of(PostgresSettings.READ_PASSWORD,
                Secret.of(endpoints.storePassword().value())));
    }

    private String port() {
        return integrations.get("sample-postgres").setting(PostgresSettings.PORT);
    }
}
