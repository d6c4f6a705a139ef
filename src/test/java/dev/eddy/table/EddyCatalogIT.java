package dev.eddy.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.embedded.EmbeddedStack;
import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.ResultRow;
import dev.eddy.integration.IntegrationDraft;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.KafkaSettings;
import dev.eddy.gateway.StatementResult;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.support.Await;
import dev.eddy.support.EddyIntegrationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Eddy's catalog through the real gateway: shared by sessions, kept in the store, connections filled in. */
@EddyIntegrationTest
class EddyCatalogIT {
    @Autowired
    QueryService queries;
    @Autowired
    CatalogRepository store;
    @Autowired
    EmbeddedStack stack;
    @Autowired
    IntegrationService integrations;

    @Test
    void aTableCreatedInOneSessionIsReadInAnotherThroughItsIntegration() {
        try (SqlConsole first = queries.openConsole("it-catalog-1"); SqlConsole second = queries.openConsole("it-catalog-2")) {
            first.collect("""
                    CREATE TABLE kept_orders (
                      order_id BIGINT, customer_id INT, status STRING
                    ) WITH (
                      'connector' = 'kafka',
                      'eddy.integration' = 'local-kafka',
                      'topic' = 'orders',
                      'format' = 'json',
                      'json.ignore-parse-errors' = 'true',
                      'scan.startup.mode' = 'earliest-offset'
                    )""", 1);
            assertThat(column(second.collect("SHOW TABLES", 100))).contains("kept_orders");
            assertThat(column(second.collect("SHOW CURRENT CATALOG", 1))).containsExactly("eddy");

            String ddl = column(second.collect("SHOW CREATE TABLE kept_orders", 1)).get(0);
            assertThat(ddl).contains("'eddy.integration' = 'local-kafka'").doesNotContain("bootstrap");

            StatementResult rows = second.collect("SELECT order_id, status FROM kept_orders", 3);
            assertThat(rows.rows()).hasSize(3);
            assertThat(store.table(EddyCatalog.DEFAULT_DATABASE, "kept_orders")).get()
                    .extracting(CatalogRepository.StoredTable::version).isEqualTo(1);

            first.collect("ALTER TABLE kept_orders SET ('scan.startup.mode' = 'latest-offset')", 1);
            assertThat(store.versions(EddyCatalog.DEFAULT_DATABASE, "kept_orders")).extracting(
                    t -> t.properties().get("scan.startup.mode")).containsExactly("earliest-offset", "latest-offset");

            first.collect("CREATE VIEW kept_paid AS SELECT order_id FROM kept_orders WHERE status = 'PAID'", 1);
            assertThat(column(second.collect("SHOW VIEWS", 100))).contains("kept_paid");
            assertThat(second.collect("DESCRIBE kept_paid", 10).rows()).hasSize(1);

            second.collect("DROP VIEW kept_paid", 1);
            second.collect("DROP TABLE kept_orders", 1);
            assertThat(column(first.collect("SHOW TABLES", 100))).doesNotContain("kept_orders", "kept_paid");
            assertThat(store.versions(EddyCatalog.DEFAULT_DATABASE, "kept_orders")).isEmpty();
        }
    }

    @Test
    void aPostgresTableReadsWithTheReadCredentialAndWritesThroughTheIntegration() throws Exception {
        try (SqlConsole console = queries.openConsole("it-catalog-jdbc")) {
            console.collect("""
                    CREATE TABLE pg_totals (
                      customer_id INT, orders BIGINT, revenue DECIMAL(12, 2),
                      PRIMARY KEY (customer_id) NOT ENFORCED
                    ) WITH (
                      'connector' = 'jdbc',
                      'eddy.integration' = 'sample-postgres',
                      'table-name' = 'order_totals'
                    )""", 1);
            console.collect("INSERT INTO pg_totals VALUES (424242, 7, 99.50)", 1);
            Await.until("the row in PostgreSQL", Duration.ofSeconds(60), () -> revenueOf(424242),
                    "99.50"::equals);

            console.collect("INSERT INTO pg_totals VALUES (424242, 8, 120.00)", 1);
            Await.until("the row updated by key", Duration.ofSeconds(60), () -> revenueOf(424242),
                    "120.00"::equals);
            StatementResult back = console.collect("SELECT orders FROM pg_totals WHERE customer_id = 424242", 1);
            assertThat(back.rows()).extracting(r -> r.fields().get(0).toString()).containsExactly("8");
            console.collect("DROP TABLE pg_totals", 1);
        }
    }

    @Test
    void aTableNamingAMissingIntegrationFailsInWords() {
        try (SqlConsole console = queries.openConsole("it-catalog-missing")) {
            console.collect("""
                    CREATE TABLE orphan (id INT) WITH (
                      'connector' = 'kafka', 'eddy.integration' = 'gone-kafka', 'topic' = 't', 'format' = 'json')""", 1);
            assertThatThrownBy(() -> console.collect("SELECT * FROM orphan", 1))
                    .isInstanceOf(GatewayException.class)
                    .satisfies(e -> assertThat(((GatewayException) e).describe())
                            .contains("gone-kafka, which does not exist"));
            console.collect("DROP TABLE orphan", 1);
        }
    }

    @Test
    void aTableOverAnUnreachableServiceFailsFastSayingSo() {
        integrations.save(new IntegrationDraft("dead-kafka", IntegrationKind.KAFKA,
                Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "127.0.0.1:1"), Map.of()));
        try (SqlConsole console = queries.openConsole("it-catalog-dead")) {
            console.collect("CREATE TABLE dead_orders (id INT) WITH ('connector' = 'kafka', "
                    + "'eddy.integration' = 'dead-kafka', 'topic' = 'orders', 'format' = 'json')", 1);
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> console.collect("SELECT * FROM dead_orders", 1))
                    .isInstanceOf(GatewayException.class)
                    .satisfies(e -> assertThat(((GatewayException) e).describe())
                            .contains("dead-kafka is unreachable since").contains("Nothing listens at 127.0.0.1:1"));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
            console.collect("DROP TABLE dead_orders", 1);
        }
        integrations.delete("dead-kafka");
    }

    private String revenueOf(int customer) {
        try (Connection c = DriverManager.getConnection(stack.postgresUrl("sample").orElseThrow(), stack.postgresUser(), stack.postgresPassword());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT revenue FROM order_totals WHERE customer_id = " + customer)) {
            return rs.next() ? rs.getBigDecimal(1).toPlainString() : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> column(StatementResult result) {
        return result.rows().stream().map(ResultRow::fields).map(f -> String.valueOf(f.get(0))).toList();
    }
}
