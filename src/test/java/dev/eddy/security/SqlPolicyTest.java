package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlPolicyTest {
    private static final Actor DEV = new Actor("devi", Role.DEVELOPER);
    private static final Actor ADMIN = new Actor("ada", Role.ADMIN);
    private final SqlPolicy policy = new SqlPolicy(defaults());

    static PolicyProperties defaults() {
        return new PolicyProperties(List.of("kafka", "upsert-kafka", "jdbc", "datagen", "print", "blackhole"),
                List.of("kafka", "upsert-kafka", "jdbc"),
                List.of("execution.runtime-mode", "parallelism.default", "pipeline.name", "table.local-time-zone",
                        "table.dml-sync", "table.exec.state.ttl", "table.exec.mini-batch.*", "table.optimizer.*",
                        "execution.checkpointing.*", "restart-strategy.*"),
                List.of("properties.group.id", "properties.auto.offset.reset"),
                List.of("url", "*.url", "hostname", "port", "path", "username", "*.username", "password", "*.password",
                        "*.user-info", "*.basic-auth.*", "*.ssl.*", "*.sasl.*", "properties.*", "*.jaas.config"));
    }

    private String refused(String sql) {
        return policy.refusal(DEV, sql).orElse("ALLOWED");
    }

    @Test
    void queriesInsertsAndIntegrationTablesAreAllowed() {
        assertThat(refused("SELECT order_id, price FROM orders WHERE price > 10")).isEqualTo("ALLOWED");
        assertThat(refused("INSERT INTO order_totals SELECT customer_id, COUNT(*), SUM(price) FROM orders GROUP BY customer_id"))
                .isEqualTo("ALLOWED");
        assertThat(refused("CREATE TABLE t (id INT) WITH ('connector' = 'kafka', 'eddy.integration' = 'local-kafka', "
                + "'topic' = 't', 'format' = 'json', 'properties.group.id' = 'g')")).isEqualTo("ALLOWED");
        assertThat(refused("CREATE TABLE g (id INT) WITH ('connector' = 'datagen', 'rows-per-second' = '5')"))
                .isEqualTo("ALLOWED");
        assertThat(refused("SET 'parallelism.default' = '2'")).isEqualTo("ALLOWED");
        assertThat(refused("SET 'table.exec.mini-batch.enabled' = 'true'")).isEqualTo("ALLOWED");
        assertThat(refused("SELEC broken")).as("syntax errors are Flink's to explain").isEqualTo("ALLOWED");
    }

    @Test
    void jarsAndFunctionsFromJarsAreForAdminsOnly() {
        assertThat(refused("ADD JAR '/tmp/evil.jar'")).startsWith("Only admins add or remove JARs");
        assertThat(refused("REMOVE JAR '/tmp/evil.jar'")).startsWith("Only admins add or remove JARs");
        assertThat(refused("ADD JAR '/tmp/evil.jar';\n")).as("as Flink's SQL Client sends it, semicolon and all")
                .startsWith("Only admins add or remove JARs");
        assertThat(refused("CREATE FUNCTION f AS 'com.example.F' USING JAR '/tmp/f.jar'"))
                .startsWith("Only admins create functions from a JAR");
        assertThat(refused("CREATE FUNCTION f AS 'com.example.F'")).isEqualTo("ALLOWED");
        assertThat(policy.refusal(ADMIN, "ADD JAR '/tmp/tool.jar'")).isEmpty();
    }

    @Test
    void settingsOutsideTheAllowListAreRefusedWithTheListNamed() {
        assertThat(refused("SET 'pipeline.jars' = 'file:///tmp/evil.jar'"))
                .startsWith("'pipeline.jars' is not a setting developers may change").contains("parallelism.default");
        assertThat(refused("SET 'pipeline.classpaths' = 'file:///tmp/'")).startsWith("'pipeline.classpaths'");
        assertThat(refused("SET 'table.exec.resource.default-parallelism' = '1'")).contains("not a setting");
        assertThat(policy.settingsRefusal(DEV, Map.of("parallelism.default", "2", "restart-strategy.type", "none"))).isEmpty();
        assertThat(policy.settingsRefusal(DEV, Map.of("pipeline.jars", "x"))).isPresent();
        assertThat(policy.settingsRefusal(ADMIN, Map.of("pipeline.jars", "x"))).isEmpty();
        assertThat(refused("SET 'eddy.trusted-writer' = 'true'")).as("Eddy's own keys, whatever the allow-list")
                .startsWith("'eddy.trusted-writer' is not a setting developers may change");
    }

    @Test
    void rawAddressesAndCredentialsAreForAdminsOnly() {
        assertThat(refused("CREATE TABLE t (id INT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://127.0.0.1:15432/eddy', "
                + "'table-name' = 'eddy_user', 'username' = 'postgres')")).startsWith("'url' names an address or a credential");
        assertThat(refused("CREATE TABLE t (id INT) WITH ('connector' = 'kafka', 'topic' = 't', "
                + "'properties.bootstrap.servers' = 'evil:9092', 'format' = 'json')"))
                .startsWith("'properties.bootstrap.servers' names an address");
        assertThat(refused("CREATE TABLE t (id INT) WITH ('connector' = 'kafka', 'eddy.integration' = 'k', 'topic' = 't', "
                + "'properties.sasl.jaas.config' = 'x', 'format' = 'json')")).contains("properties.sasl.jaas.config");
        assertThat(refused("CREATE TABLE t (id INT) WITH ('connector' = 'kafka', 'topic' = 't', 'format' = 'json')"))
                .startsWith("A kafka table names its service through an integration");
        assertThat(refused("ALTER TABLE orders SET ('properties.bootstrap.servers' = 'evil:9092')"))
                .contains("names an address");
    }

    @Test
    void connectorsThatTouchEddysFilesAreRefused() {
        assertThat(refused("CREATE TABLE f (line STRING) WITH ('connector' = 'legacy-csv', 'path' = '/etc/passwd')"))
                .startsWith("The connector 'legacy-csv' is not allowed here");
        assertThat(refused("CREATE TEMPORARY TABLE f (line STRING) WITH ('connector' = 'filesystem', 'path' = '/tmp/x', "
                + "'format' = 'csv')")).startsWith("The connector 'filesystem' is not allowed here");
        assertThat(refused("CREATE TABLE c WITH ('connector' = 'filesystem', 'path' = '/tmp/x', 'format' = 'csv') "
                + "AS SELECT * FROM orders")).startsWith("The connector 'filesystem'");
    }

    @Test
    void hintsCannotRedirectATable() {
        assertThat(refused("SELECT * FROM orders /*+ OPTIONS('properties.bootstrap.servers' = 'evil:9092') */"))
                .contains("a table hint");
        assertThat(refused("INSERT INTO order_totals /*+ OPTIONS('url' = 'jdbc:postgresql://evil/db') */ "
                + "SELECT 1, 2, 3")).contains("'url'");
        assertThat(refused("SELECT * FROM orders /*+ OPTIONS('scan.startup.mode' = 'earliest-offset') */"))
                .isEqualTo("ALLOWED");
        assertThat(refused("EXECUTE STATEMENT SET BEGIN INSERT INTO a /*+ OPTIONS('url' = 'x') */ SELECT 1; END"))
                .contains("'url'");
    }

    @Test
    void catalogsAndModulesAreForAdminsOnly() {
        assertThat(refused("CREATE CATALOG pg WITH ('type' = 'jdbc', 'base-url' = 'jdbc:postgresql://127.0.0.1:15432')"))
                .startsWith("Only admins create or change catalogs");
        assertThat(refused("LOAD MODULE hive")).startsWith("Only admins load");
    }

    @Test
    void unreadableTextThatNamesAnEscapeIsRefusedAnyway() {
        assertThat(refused("ADD JAR")).contains("could not read this statement");
        assertThat(refused("SET pipeline.jars = oops")).contains("could not read this statement");
    }
}
