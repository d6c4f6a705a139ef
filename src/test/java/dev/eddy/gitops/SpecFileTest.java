package dev.eddy.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecFileTest {
    private static final String SPEC = """
            project: shop
            integrations:
              - name: warehouse
                kind: postgres
                settings: {host: db.example, port: "5432", database: shop, read.user: eddy}
                secrets:
                  read.password: {env: WAREHOUSE_PASSWORD}
            tables:
              - name: orders_raw
                integration: local-kafka
                source: orders
                format: json
                columns: infer
              - name: totals
                integration: warehouse
                connector: jdbc
                source: public.totals
                columns:
                  - {name: customer, type: STRING}
                  - {name: purchases, type: BIGINT}
                primaryKey: [customer]
            jobs:
              - name: totals
                sql: |
                  INSERT INTO totals SELECT customer, COUNT(*) FROM orders_raw GROUP BY customer
                settings:
                  parallelism.default: 2
                  restart-strategy.type:
                state: stopped
                upgrade: stateless
            """;

    @Test
    void aSpecIsReadWithEveryResourceAndItsSettings() {
        Spec spec = SpecFile.read(SPEC);
        assertThat(spec.project()).isEqualTo("shop");
        assertThat(spec.integrations().get(0).secrets().get("read.password").env()).isEqualTo("WAREHOUSE_PASSWORD");
        assertThat(spec.tables().get(0).infersColumns()).isTrue();
        assertThat(spec.tables().get(1).infersColumns()).isFalse();
        JobSpec job = spec.jobs().get(0);
        assertThat(job.running()).isFalse();
        assertThat(job.upgradeMode()).isEqualTo(JobSpec.Upgrade.STATELESS);
        assertThat(JobPlanner.settings(job.settings()).options())
                .containsEntry("parallelism.default", "2").doesNotContainKey("restart-strategy.type")
                .containsEntry("execution.checkpointing.interval", "10 s");
    }

    @Test
    void writingAndReadingBackGivesTheSameSpec() {
        Spec spec = SpecFile.read(SPEC);
        assertThat(SpecFile.read(SpecFile.write(spec))).isEqualTo(spec);
    }

    @Test
    void anOpenSearchIntegrationIsAKindASpecNamesAndAnUnknownKindIsRefusedNamingTheKnownOnes() {
        Spec spec = SpecFile.read("project: logs\nintegrations:\n  - name: team-logs\n    kind: opensearch\n"
                + "    settings: {url: 'https://search.example:9200', index: 'eddy-{yyyy.MM.dd}'}\n");
        assertThat(dev.eddy.integration.IntegrationKind.ofSpecName(spec.integrations().get(0).kind()))
                .isEqualTo(dev.eddy.integration.IntegrationKind.OPENSEARCH);
        assertThatThrownBy(() -> SpecFile.read("project: logs\nintegrations:\n  - name: x\n    kind: elastic\n"))
                .hasMessageContaining("kind is kafka, postgres or opensearch, not elastic");
    }

    @Test
    void aMisspeltKeyIsRefusedWithItsLineAndTheKnownKeys() {
        assertThatThrownBy(() -> SpecFile.read("project: shop\ntables:\n  - name: a\n    colums: infer\n"))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("Line 4").hasMessageContaining("unknown key 'colums'")
                .hasMessageContaining("columns");
    }

    @Test
    void aSecretWrittenInlineIsRefusedWithoutRepeatingIt() {
        String spec = "project: shop\nintegrations:\n  - name: w\n    kind: postgres\n    secrets:\n"
                + "      read.password: hunter2-secret\n";
        assertThatThrownBy(() -> SpecFile.read(spec)).isInstanceOf(SpecException.class)
                .hasMessageContaining("secret read.password must name where its value is")
                .message().doesNotContain("hunter2");
        assertThatThrownBy(() -> SpecFile.read(spec.replace("hunter2-secret", "[hunter2, x]")))
                .isInstanceOf(SpecException.class).message().doesNotContain("hunter2");
    }

    @Test
    void namesUsedTwiceAWrongStateAndAMissingProjectAreAllSaidAtOnce() {
        String spec = "jobs:\n  - {name: a, sql: 'INSERT INTO x SELECT 1', state: paused}\n"
                + "  - {name: A, sql: 'INSERT INTO x SELECT 1', upgrade: never}\n";
        assertThatThrownBy(() -> SpecFile.read(spec)).isInstanceOf(SpecException.class)
                .hasMessageContaining("project: name the project")
                .hasMessageContaining("the job A is named twice")
                .hasMessageContaining("state is running or stopped, not paused")
                .hasMessageContaining("upgrade is savepoint, last-state or stateless, not never");
    }

    @Test
    void brokenYamlSaysWhere() {
        assertThatThrownBy(() -> SpecFile.read("project: shop\njobs: [\n")).isInstanceOf(SpecException.class)
                .hasMessageContaining("Line");
        assertThatThrownBy(() -> SpecFile.read("  ")).hasMessageContaining("empty");
    }

    @Test
    void settingsWrittenBackAreThoseThatDifferFromTheDefaults() {
        Map<String, String> written = JobPlanner.specSettings(JobPlanner.settings(Map.of("parallelism.default", "2")));
        assertThat(written).containsExactly(Map.entry("parallelism.default", "2"));
        Map<String, String> removed = new java.util.HashMap<>();
        removed.put("restart-strategy.type", null);
        assertThat(JobPlanner.specSettings(JobPlanner.settings(removed))).containsKey("restart-strategy.type");
    }

    @Test
    void diffsNameWhatWasAddedRemovedAndChanged() {
        assertThat(Diff.maps("", Map.of("a", "1", "b", "2"), Map.of("b", "3", "c", "4")))
                .containsExactly("- a: 1", "~ b: 2 → 3", "+ c: 4");
        assertThat(Diff.text("one\ntwo\nthree", "one\n2\nthree\nfour")).containsExactly("- two", "+ 2", "+ four");
    }

    @Test
    void typesAndExpressionsCompareInOneSpelling() {
        assertThat(TablePlanner.type("string", false)).isEqualTo(TablePlanner.type("VARCHAR(2147483647)", false));
        assertThat(TablePlanner.type("DECIMAL(10,2)", false)).isEqualTo(TablePlanner.type("DECIMAL(10, 2)", false));
        assertThat(TablePlanner.type("BIGINT", true)).isEqualTo("BIGINT NOT NULL");
        assertThat(TablePlanner.type("TIMESTAMP_LTZ(3)", false)).isEqualTo("TIMESTAMP_LTZ(3)");
        assertThat(TablePlanner.expression("TO_TIMESTAMP_LTZ(`ts`, 3)")).isEqualTo(TablePlanner.expression("TO_TIMESTAMP_LTZ( ts,3 )"));
        assertThat(List.of(SpecExport.envName("warehouse-eu", "read.password"))).containsExactly("WAREHOUSE_EU_READ_PASSWORD");
    }
}
