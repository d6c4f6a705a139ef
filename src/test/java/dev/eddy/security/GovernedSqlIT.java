package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.embedded.SampleIntegrations;
import dev.eddy.integration.IntegrationDraft;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.KafkaSettings;
import dev.eddy.job.JobDraft;
import dev.eddy.job.JobService;
import dev.eddy.job.JobSettings;
import dev.eddy.query.Outcome;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.support.Await;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.RecordingListener;
import dev.eddy.table.ColumnSpec;
import dev.eddy.table.TableDraft;
import dev.eddy.table.TableService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/** The SQL policy on the real paths a developer takes: the editor, the deploy dialog, the table wizard. */
@EddyIntegrationTest
class GovernedSqlIT {
    @Autowired
    QueryService queries;
    @Autowired
    JobService jobs;
    @Autowired
    TableService tables;
    @Autowired
    IntegrationService integrations;

    @org.junit.jupiter.api.BeforeEach
    void signInAsADeveloper() {
        RoleMatrixIT.signIn(Role.DEVELOPER);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aDeveloperCannotOverwriteAFileOnEddysMachineWithTheLegacyCsvConnector() throws Exception {
        Path victim = Files.writeString(Files.createTempFile("eddy-victim", ".txt"), "precious");
        try (SqlConsole console = queries.openConsole("governed")) {
            assertThatThrownBy(() -> console.run("CREATE TABLE overwrite (line STRING) WITH ('connector' = 'legacy-csv', "
                    + "'path' = '" + victim + "', 'write-mode' = 'OVERWRITE')", new RecordingListener()))
                    .isInstanceOf(AccessRefusedException.class)
                    .hasMessageStartingWith("The connector 'legacy-csv' is not allowed here");
        }
        assertThat(Files.readString(victim)).isEqualTo("precious");
    }

    @Test
    void aDeveloperCannotAddAJarOrRunAnAllowedStatementWithARedirectedAddress() throws Exception {
        try (SqlConsole console = queries.openConsole("governed")) {
            assertThatThrownBy(() -> console.run("ADD JAR '/tmp/evil.jar'", new RecordingListener()))
                    .isInstanceOf(AccessRefusedException.class).hasMessageStartingWith("Only admins add or remove JARs");
            assertThatThrownBy(() -> console.run("SELECT * FROM orders /*+ OPTIONS('properties.bootstrap.servers' = "
                    + "'evil:9092') */", new RecordingListener()))
                    .isInstanceOf(AccessRefusedException.class).hasMessageContaining("names an address");
            RecordingListener allowed = new RecordingListener();
            console.run("SHOW TABLES", allowed);
            assertThat(allowed.finished.get(60, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void aJobCannotCarryClassPathSettingsForADeveloper() {
        JobSettings settings = JobSettings.defaults().with("pipeline.classpaths", "file:///tmp/");
        assertThatThrownBy(() -> jobs.deploy(new JobDraft("escape", "", "INSERT INTO order_totals SELECT customer_id, "
                + "COUNT(*), SUM(price * quantity) FROM orders GROUP BY customer_id", settings)))
                .isInstanceOf(AccessRefusedException.class)
                .hasMessageStartingWith("'pipeline.classpaths' is not a setting developers may change");
        assertThat(jobs.find("escape")).isEmpty();
    }

    @Test
    void aDeveloperReadsButCannotWriteThroughAnIntegrationAdminsLimitedToReading() throws Exception {
        String topic = "read-only-" + UUID.randomUUID();
        RoleMatrixIT.signIn(Role.ADMIN);
        String bootstrap = integrations.get(SampleIntegrations.KAFKA).setting(KafkaSettings.BOOTSTRAP_SERVERS);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        integrations.save(new IntegrationDraft("guarded-kafka", IntegrationKind.KAFKA, Map.of(
                KafkaSettings.BOOTSTRAP_SERVERS, bootstrap, KafkaSettings.SECURITY_PROTOCOL, "PLAINTEXT"), Map.of()));
        assertThat(integrations.setDevelopersReadOnly("guarded-kafka", true).developersReadOnly()).isTrue();
        String insert = "INSERT INTO guarded_events VALUES ('written')";
        try (SqlConsole admin = queries.openConsole("governed-admin")) {
            RecordingListener created = new RecordingListener();
            admin.run("CREATE TABLE guarded_events (word STRING) WITH ('connector' = 'kafka', 'topic' = '" + topic
                    + "', 'format' = 'json', 'scan.startup.mode' = 'earliest-offset', "
                    + "'eddy.integration' = 'guarded-kafka')", created);
            created.finished.get(60, TimeUnit.SECONDS);

            RoleMatrixIT.signIn(Role.DEVELOPER);
            try (SqlConsole developer = queries.openConsole("governed-developer")) {
                RecordingListener refused = new RecordingListener();
                developer.run(insert, refused);
                assertThat(refused.failed.get(60, TimeUnit.SECONDS).describe())
                        .contains("Integration guarded-kafka is read-only for developers");
                assertThatThrownBy(() -> developer.run("SET 'eddy.trusted-writer' = 'true'", new RecordingListener()))
                        .isInstanceOf(AccessRefusedException.class)
                        .hasMessageStartingWith("'eddy.trusted-writer' is not a setting developers may change");
                assertThatThrownBy(() -> jobs.deploy(new JobDraft("guarded writer", "", insert, JobSettings.defaults())))
                        .hasMessageStartingWith("Flink cannot plan this job")
                        .hasMessageContaining("Integration guarded-kafka is read-only for developers");
                assertThat(jobs.find("guarded writer")).as("refused while planning, before anything is saved").isEmpty();

                RecordingListener read = new RecordingListener();
                var reading = developer.run("SELECT word FROM guarded_events", read);
                Await.until("the developer's query runs on the topic", Duration.ofSeconds(60), () -> read.columns.get(),
                        columns -> columns != null);
                reading.stop();
            }

            RoleMatrixIT.signIn(Role.ADMIN);
            RecordingListener written = new RecordingListener();
            admin.run(insert, written);
            assertThat(written.finished.get(90, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.SUCCEEDED);
            RecordingListener readBack = new RecordingListener();
            var reading = admin.run("SELECT word FROM guarded_events", readBack);
            Await.until("the admin's row in the topic", Duration.ofSeconds(90), readBack::changes, n -> n > 0);
            reading.stop();
            assertThat(jobs.explain(insert, JobSettings.defaults()).writes()).as("an admin may plan the job").isNotEmpty();
            RecordingListener dropped = new RecordingListener();
            admin.run("DROP TABLE guarded_events", dropped);
            dropped.finished.get(60, TimeUnit.SECONDS);
        }
        integrations.delete("guarded-kafka");
        {
        }
    }

    @Test
    void theTableWizardCannotSmuggleARawAddressInItsExtraOptions() {
        TableDraft draft = new TableDraft("smuggled", "local-kafka", TableDraft.Connector.KAFKA, "orders", "json", null,
                "earliest-offset", List.of(ColumnSpec.physical("order_id", "BIGINT")), null, 0, List.of(),
                Map.of("properties.bootstrap.servers", "evil:9092"), null);
        assertThatThrownBy(() -> tables.create(draft)).isInstanceOf(AccessRefusedException.class)
                .hasMessageStartingWith("'properties.bootstrap.servers' names an address or a credential");
        assertThat(tables.list()).noneMatch(t -> t.name().equals("smuggled"));
    }
}
