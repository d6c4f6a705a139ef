package dev.eddy.integration;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.eddy.config.Secret;
import dev.eddy.embedded.EmbeddedStack;
import dev.eddy.embedded.SecuredKafkaBroker;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.LogCapture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Credentials and permissions against secured services: a second real broker with SASL/SCRAM,
 * ACLs and TLS, and PostgreSQL roles with read-only and read-write grants.
 */
@EddyIntegrationTest
class SecuredServicesIT {
    private static final String READER_PASSWORD = "kafka-reader-" + UUID.randomUUID();
    private static final String STRANGER_PASSWORD = "kafka-stranger-" + UUID.randomUUID();
    private static final String PG_READER_PASSWORD = "pg-reader-" + UUID.randomUUID();
    private static final String PG_WRITER_PASSWORD = "pg-writer-" + UUID.randomUUID();
    private static SecuredKafkaBroker broker;

    @Autowired
    IntegrationService integrations;
    @Autowired
    EmbeddedStack stack;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = SecuredKafkaBroker.start(Path.of("target/it-data/secured-kafka-" + UUID.randomUUID()));
        broker.createUser("reader", READER_PASSWORD);
        broker.createUser("stranger", STRANGER_PASSWORD);
        broker.createTopic("payments", "reader");
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void scramUserWithTheRightPasswordSeesTheTopicsItMayRead() {
        ConnectionCheck check = integrations.test(sasl("scram-kafka", "reader", READER_PASSWORD));
        assertThat(check.ok()).as(check.summary()).isTrue();
        assertThat(check.summary()).isEqualTo("Connected to " + broker.saslBootstrapServers()
                + ": 1 broker, 1 topic visible");

        integrations.save(sasl("scram-kafka", "reader", READER_PASSWORD));
        Metadata metadata = integrations.refresh("scram-kafka");
        assertThat(metadata.lastError()).isEmpty();
        assertThat(metadata.topics()).extracting(TopicInfo::name).containsExactly("payments");
        assertThat(integrations.preview("scram-kafka", "payments", 5)).isEmpty();
        integrations.delete("scram-kafka");
    }

    @Test
    void aWrongPasswordIsToldApartFromAnUnreachableBrokerAndAnswersFast() {
        ConnectionCheck check = integrations.test(sasl("scram-wrong", "reader", "not-the-password"));
        assertThat(check.ok()).isFalse();
        assertThat(check.summary()).startsWith("Kafka refused the user name or password of reader");
        assertThat(check.took()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aUserWithoutAclsIsToldWhyItSeesNoTopic() {
        ConnectionCheck check = integrations.test(sasl("scram-stranger", "stranger", STRANGER_PASSWORD));
        assertThat(check.summary()).contains("no topic is visible")
                .contains("stranger may not describe any (ask for DESCRIBE and READ ACLs on the topics)");
    }

    @Test
    void tlsNeedsTheBrokersCertificateTrusted() {
        Map<String, String> settings = new HashMap<>(Map.of(KafkaSettings.BOOTSTRAP_SERVERS,
                broker.sslBootstrapServers(), KafkaSettings.SECURITY_PROTOCOL, "SSL"));
        ConnectionCheck untrusted = integrations.test(new IntegrationDraft("tls-kafka", IntegrationKind.KAFKA,
                settings, Map.of()));
        assertThat(untrusted.ok()).isFalse();
        assertThat(untrusted.summary()).startsWith("The TLS handshake with " + broker.sslBootstrapServers()
                + " failed: the brokers' certificate is not signed by an authority Eddy trusts")
                .contains("paste its certificate (PEM)");
        assertThat(untrusted.took()).isLessThan(Duration.ofSeconds(6));

        settings.put(KafkaSettings.TRUSTED_CERTIFICATES, broker.certificatePem());
        ConnectionCheck trusted = integrations.test(new IntegrationDraft("tls-kafka", IntegrationKind.KAFKA,
                settings, Map.of()));
        assertThat(trusted.ok()).as(trusted.summary()).isTrue();
        assertThat(trusted.summary()).contains("1 broker");
    }

    @Test
    void postgresRolesAreCheckedForWhatEachCredentialMustDo() throws Exception {
        createRoles();
        ConnectionCheck both = integrations.test(postgres("pg-roles", "eddy_reader", PG_READER_PASSWORD,
                "eddy_writer", PG_WRITER_PASSWORD));
        assertThat(both.ok()).as(both.summary()).isTrue();
        assertThat(both.details()).anySatisfy(line -> assertThat(line)
                .matches("read-only credential \\(eddy_reader\\): connected as eddy_reader, (\\d+) of \\1 tables readable"));
        assertThat(both.details()).anySatisfy(line -> assertThat(line)
                .matches("read-write credential \\(eddy_writer\\): connected as eddy_writer, \\d+ of \\d+ tables readable, [1-9]\\d* writable"));

        ConnectionCheck wrongPassword = integrations.test(postgres("pg-wrong", "eddy_reader", "nope", "", ""));
        assertThat(wrongPassword.ok()).isFalse();
        assertThat(wrongPassword.summary()).isEqualTo("PostgreSQL refused the user name or password of eddy_reader");

        ConnectionCheck readerAsWriter = integrations.test(postgres("pg-reader-writes", "eddy_reader",
                PG_READER_PASSWORD, "eddy_reader", PG_READER_PASSWORD));
        assertThat(readerAsWriter.ok()).isFalse();
        assertThat(readerAsWriter.summary()).startsWith("Connected as eddy_reader, but it may not write to any of the")
                .endsWith("grant it INSERT, UPDATE and DELETE, or give another user as the read-write credential");

        integrations.save(postgres("pg-browse", "eddy_reader", PG_READER_PASSWORD, "eddy_writer", PG_WRITER_PASSWORD));
        Metadata tables = integrations.refresh("pg-browse");
        assertThat(tables.lastError()).isEmpty();
        PostgresTable customers = tables.tables().stream().filter(t -> t.name().equals("customers")).findFirst()
                .orElseThrow();
        assertThat(customers.columns()).as("the read-only role still sees primary keys")
                .anySatisfy(c -> assertThat(c.primaryKey()).isTrue());
        integrations.delete("pg-browse");
    }

    @Test
    void passwordsNeverReachALogLineEvenWhenDebugging() throws Exception {
        createRoles();
        try (LogCapture logs = LogCapture.at(Level.DEBUG, "dev.eddy", "org.apache.kafka.clients",
                "org.apache.kafka.common", "org.postgresql", "org.springframework.jdbc")) {
            integrations.save(sasl("logged-kafka", "reader", READER_PASSWORD));
            integrations.test("logged-kafka");
            integrations.refresh("logged-kafka");
            integrations.test(sasl("logged-kafka-wrong", "reader", READER_PASSWORD + "-wrong"));
            integrations.save(postgres("logged-pg", "eddy_reader", PG_READER_PASSWORD, "eddy_writer",
                    PG_WRITER_PASSWORD));
            integrations.test("logged-pg");
            integrations.refresh("logged-pg");
            integrations.test(postgres("logged-pg-wrong", "eddy_reader", PG_READER_PASSWORD + "-wrong", "", ""));
            integrations.delete("logged-kafka");
            integrations.delete("logged-pg");

            assertThat(logs.lines()).as("debug logging was on").isGreaterThan(20);
            assertThat(logs.text()).doesNotContain(READER_PASSWORD).doesNotContain(PG_READER_PASSWORD)
                    .doesNotContain(PG_WRITER_PASSWORD);
        }
    }

    private static IntegrationDraft sasl(String name, String user, String password) {
        return new IntegrationDraft(name, IntegrationKind.KAFKA, Map.of(
                KafkaSettings.BOOTSTRAP_SERVERS, broker.saslBootstrapServers(),
                KafkaSettings.SECURITY_PROTOCOL, "SASL_PLAINTEXT",
                KafkaSettings.SASL_MECHANISM, "SCRAM-SHA-256",
                KafkaSettings.READ_USER, user), Map.of(KafkaSettings.READ_PASSWORD, Secret.of(password)));
    }

    private IntegrationDraft postgres(String name, String reader, String readerPassword, String writer,
            String writerPassword) {
        String url = stack.postgresUrl("sample").orElseThrow();
        String port = url.replaceAll(".*:(\\d+)/.*", "$1");
        Map<String, Secret> secrets = new HashMap<>();
        secrets.put(PostgresSettings.READ_PASSWORD, Secret.of(readerPassword));
        if (!writer.isEmpty()) {
            secrets.put(PostgresSettings.WRITE_PASSWORD, Secret.of(writerPassword));
        }
        return new IntegrationDraft(name, IntegrationKind.POSTGRES, Map.of(PostgresSettings.HOST, "127.0.0.1",
                PostgresSettings.PORT, port, PostgresSettings.DATABASE, "sample", PostgresSettings.SSL_MODE, "disable",
                PostgresSettings.READ_USER, reader, PostgresSettings.WRITE_USER, writer), secrets);
    }

    /** A role that may only read and one that may also write, as a DBA would hand them out. */
    private void createRoles() throws Exception {
        try (Connection c = DriverManager.getConnection(stack.postgresUrl("sample").orElseThrow(),
                stack.postgresUser(), stack.postgresPassword());
             Statement s = c.createStatement()) {
            s.execute("""
                    DO $$ BEGIN
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'eddy_reader') THEN
                        CREATE ROLE eddy_reader LOGIN; END IF;
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'eddy_writer') THEN
                        CREATE ROLE eddy_writer LOGIN; END IF;
                    END $$""");
            s.execute("ALTER ROLE eddy_reader PASSWORD '" + PG_READER_PASSWORD + "'");
            s.execute("ALTER ROLE eddy_writer PASSWORD '" + PG_WRITER_PASSWORD + "'");
            s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO eddy_reader, eddy_writer");
            s.execute("GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO eddy_writer");
        }
    }
}
