package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.config.Secret;
import dev.eddy.integration.IntegrationDraft;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.KafkaSettings;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.query.StatementHistory;
import dev.eddy.store.StoreText;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.RecordingListener;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;

/** The audit rows a working session leaves: changes, statements, refusals; and that none can be altered. */
@EddyIntegrationTest
class AuditLogIT {
    @Autowired
    AuditLog audit;
    @Autowired
    IntegrationService integrations;
    @Autowired
    QueryService queries;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StatementHistory history;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aSessionLeavesItsChangesStatementsAndRefusalsWithoutSecrets() throws Exception {
        integrations.save(new IntegrationDraft("audited-kafka", IntegrationKind.KAFKA,
                Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "kafka.example:9092", KafkaSettings.READ_USER, "reader"),
                Map.of(KafkaSettings.READ_PASSWORD, Secret.of("audit-sweep-password"))));
        integrations.delete("audited-kafka");

        RoleMatrixIT.signIn(Role.DEVELOPER);
        assertThatThrownBy(() -> integrations.delete("local-kafka")).isInstanceOf(AccessRefusedException.class);
        try (SqlConsole console = queries.openConsole("audited")) {
            RecordingListener ran = new RecordingListener();
            console.run("SHOW TABLES", ran);
            ran.finished.get(60, TimeUnit.SECONDS);
            assertThatThrownBy(() -> console.run("CREATE TABLE leak (id INT) WITH ('connector' = 'jdbc', "
                    + "'url' = 'jdbc:postgresql://x/y', 'password' = 'audit-sweep-password')", new RecordingListener()))
                    .isInstanceOf(AccessRefusedException.class);
        }
        RoleMatrixIT.signIn(Role.ADMIN);

        List<AuditEntry> rows = audit.search("", "", null, null, 50);
        assertThat(rows).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("Adding and editing integrations");
            assertThat(e.target()).isEqualTo("audited-kafka");
            assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.OK);
        });
        assertThat(rows).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("Removing integrations");
            assertThat(e.username()).isEqualTo("matrix-developer");
            assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.REFUSED);
        });
        assertThat(rows).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("Ran statement");
            assertThat(e.target()).isEqualTo("SHOW TABLES");
            assertThat(e.username()).isEqualTo("matrix-developer");
        });
        assertThat(rows).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("Statement refused by the SQL policy");
            assertThat(e.target()).contains("'password' = '***'");
        });
        assertThat(rows).allSatisfy(e -> assertThat(e.toString()).doesNotContain("audit-sweep-password"));
    }

    @Test
    void aStatementWithANulCharacterIsAuditedAndKeptInHistoryWithTheCharacterMarked() throws Exception {
        RoleMatrixIT.signIn(Role.DEVELOPER);
        try (SqlConsole console = queries.openConsole("nul")) {
            RecordingListener ran = new RecordingListener();
            console.run("SELECT 'nul-audit\u0000here'", ran);
            ran.finished.handle((report, error) -> null).get(60, TimeUnit.SECONDS);
        }
        audit.recordAs("nul\u0000user", "Sign in", "nul\u0000user", AuditEntry.Outcome.REFUSED, "bad\u0000password");
        RoleMatrixIT.signIn(Role.ADMIN);

        String marked = "nul-audit" + StoreText.REPLACEMENT + "here";
        assertThat(audit.search("", "", null, null, 50)).anySatisfy(e -> {
            assertThat(e.username()).isEqualTo("matrix-developer");
            assertThat(e.target()).contains(marked);
        }).anySatisfy(e -> assertThat(e.username()).isEqualTo("nul" + StoreText.REPLACEMENT + "user"));
        assertThat(history.search("nul-audit", 10)).anySatisfy(e -> assertThat(e.statement()).contains(marked));
    }

    @Test
    void theAuditLogCannotBeChangedOrEmptied() {
        audit.record("Test entry", "nothing", AuditEntry.Outcome.OK, null);
        assertThatThrownBy(() -> jdbc.update("UPDATE audit_log SET username = 'someone else'"))
                .hasMessageContaining("the audit log is append only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_log")).hasMessageContaining("append only");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE audit_log")).hasMessageContaining("append only");
    }

    @Test
    void theCsvExportQuotesEveryFieldAndDisarmsFormulas() throws Exception {
        StringWriter out = new StringWriter();
        AuditCsv.write(List.of(new AuditEntry(1, java.time.Instant.parse("2026-11-29T12:00:00Z"), "ann", "Ran statement",
                "=HYPERLINK(\"x\")", AuditEntry.Outcome.OK, "a \"quoted\" word")), out);
        assertThat(out.toString()).isEqualTo("time,user,action,target,outcome,detail\r\n"
                + "\"2026-11-29T12:00:00Z\",\"ann\",\"Ran statement\",\"'=HYPERLINK(\"\"x\"\")\",\"OK\","
                + "\"a \"\"quoted\"\" word\"\r\n");
    }
}
