package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.job.JobDraft;
import dev.eddy.job.JobService;
import dev.eddy.job.JobSettings;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.RecordingListener;
import dev.eddy.table.ColumnSpec;
import dev.eddy.table.TableDraft;
import dev.eddy.table.TableService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    void theTableWizardCannotSmuggleARawAddressInItsExtraOptions() {
        TableDraft draft = new TableDraft("smuggled", "local-kafka", TableDraft.Connector.KAFKA, "orders", "json", null,
                "earliest-offset", List.of(ColumnSpec.physical("order_id", "BIGINT")), null, 0, List.of(),
                Map.of("properties.bootstrap.servers", "evil:9092"), null);
        assertThatThrownBy(() -> tables.create(draft)).isInstanceOf(AccessRefusedException.class)
                .hasMessageStartingWith("'properties.bootstrap.servers' names an address or a credential");
        assertThat(tables.list()).noneMatch(t -> t.name().equals("smuggled"));
    }
}
