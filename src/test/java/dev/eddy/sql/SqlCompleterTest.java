package dev.eddy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlCompleterTest {
    private static final SessionObjects.Table ORDERS = new SessionObjects.Table("default_catalog",
            "default_database", "orders", false, List.of(new SessionObjects.Column("order_id", "BIGINT"),
                    new SessionObjects.Column("customer_id", "INT"), new SessionObjects.Column("amount", "DECIMAL(10, 2)"),
                    new SessionObjects.Column("user", "STRING")));
    private static final SessionObjects.Table CUSTOMERS = new SessionObjects.Table("default_catalog",
            "default_database", "customers", false, List.of(new SessionObjects.Column("id", "INT"),
                    new SessionObjects.Column("name", "STRING")));
    private static final SessionObjects.Table ARCHIVE = new SessionObjects.Table("default_catalog", "archive",
            "old_orders", false, List.of(new SessionObjects.Column("order_id", "BIGINT")));
    private static final SessionObjects SESSION = new SessionObjects("default_catalog", "default_database",
            Map.of("default_catalog", List.of("default_database", "archive")), List.of(ORDERS, CUSTOMERS, ARCHIVE),
            List.of("my_udf"));
    private static final ExternalObjects EXTERNAL = new ExternalObjects(
            List.of(new ExternalObjects.Item("orders", "local-kafka", "1 partition"),
                    new ExternalObjects.Item("payments.v1", "local-kafka", "3 partitions"),
                    new ExternalObjects.Item("order-audit", "prod-kafka", "6 partitions")),
            List.of(new ExternalObjects.Item("customers", "sample-postgres", "table"),
                    new ExternalObjects.Item("sales.order_totals", "sample-postgres", "table")),
            List.of(new ExternalObjects.Item("localhost:19092", "local-kafka", "")),
            List.of(new ExternalObjects.Item("jdbc:postgresql://localhost:15432/sample", "sample-postgres", "")));

    private final SqlCompleter completer = new SqlCompleter();

    /** Completes where {@code |} stands in the text. */
    private Completions at(String textWithCursor, boolean explicit) {
        int cursor = textWithCursor.indexOf('|');
        String text = textWithCursor.substring(0, cursor) + textWithCursor.substring(cursor + 1);
        return completer.complete(text, cursor, explicit, SESSION, EXTERNAL);
    }

    private List<String> labels(String textWithCursor) {
        return at(textWithCursor, true).options().stream().map(Completion::label).toList();
    }

    private List<String> types(String textWithCursor) {
        return at(textWithCursor, true).options().stream().map(Completion::type).distinct().toList();
    }

    @Test
    void statementKeywordsAtTheStart() {
        assertThat(labels("INS|")).contains("INSERT INTO");
        assertThat(labels("SELECT 1;\ncre|")).contains("CREATE TABLE", "CREATE TEMPORARY TABLE");
    }

    @Test
    void tablesAfterFromJoinAndInto() {
        assertThat(labels("SELECT * FROM |")).startsWith("customers", "orders").contains("archive", "default_catalog");
        assertThat(labels("SELECT * FROM orders o JOIN cu|")).containsExactly("customers");
        assertThat(labels("INSERT INTO o|")).contains("orders");
        assertThat(labels("DESCRIBE |")).contains("orders");
    }

    @Test
    void typingAfterFromOffersTablesWithoutBeingAsked() {
        assertThat(at("SELECT * FROM |", false).options()).isNotEmpty();
        // …but a space after SELECT is not a reason to open a list.
        assertThat(at("SELECT |", false).options()).isEmpty();
    }

    @Test
    void qualifiedTableNames() {
        assertThat(labels("SELECT * FROM archive.|")).containsExactly("old_orders");
        assertThat(labels("SELECT * FROM default_catalog.archive.o|")).containsExactly("old_orders");
        assertThat(labels("SELECT * FROM default_catalog.|")).contains("archive", "default_database");
    }

    @Test
    void aNewTableNameIsNotCompletedFromExistingOnes() {
        assertThat(at("CREATE TABLE |", true).options()).isEmpty();
    }

    @Test
    void columnsOfAnAliasedTable() {
        Completions c = at("SELECT o.| FROM orders o", false);
        assertThat(c.options()).extracting(Completion::label)
                .containsExactly("amount", "customer_id", "order_id", "user");
        assertThat(c.options()).filteredOn(o -> o.label().equals("user")).extracting(Completion::apply)
                .containsExactly("`user`");
        assertThat(labels("SELECT c.n| FROM orders AS o JOIN customers c ON o.customer_id = c.id")).containsExactly("name");
    }

    @Test
    void columnsOfTablesInScopeComeBeforeFunctionsAndKeywords() {
        List<String> labels = labels("SELECT cu| FROM orders");
        assertThat(labels.get(0)).isEqualTo("customer_id");
        assertThat(labels).contains("CURRENT_TIMESTAMP", "CURRENT_DATE").doesNotContain("AND");
    }

    @Test
    void functionsWithSignatures() {
        Completion f = at("SELECT TO_TIMESTAMP_L| FROM orders", false).options().get(0);
        assertThat(f.label()).isEqualTo("TO_TIMESTAMP_LTZ");
        assertThat(f.type()).isEqualTo("function");
        assertThat(f.detail()).startsWith("TO_TIMESTAMP_LTZ(");
        assertThat(labels("SELECT my_| FROM orders")).contains("my_udf");
    }

    @Test
    void kafkaTopicsInsideTopicOption() {
        Completions c = at("CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'topic' = 'ord|", false);
        assertThat(c.options()).extracting(Completion::label).containsExactly("order-audit", "orders");
        assertThat(c.options().get(1).detail()).contains("local-kafka");
        assertThat(c.options().get(1).apply()).isEqualTo("orders'");
        assertThat(c.options()).extracting(Completion::type).containsOnly("topic");
        // A closing quote already typed (auto-closed) is not doubled.
        assertThat(at("CREATE TABLE t (a INT) WITH ('topic' = 'pay|')", false).options().get(0).apply())
                .isEqualTo("payments.v1");
    }

    @Test
    void postgresTablesInsideTableNameOption() {
        assertThat(labels("CREATE TABLE t (a INT) WITH ('connector' = 'jdbc', 'table-name' = '|'"))
                .containsExactly("customers", "sales.order_totals");
    }

    @Test
    void connectorNamesFormatsAndValues() {
        assertThat(labels("CREATE TABLE t (a INT) WITH ('connector' = '|")).contains("kafka", "upsert-kafka", "jdbc",
                "datagen");
        assertThat(labels("CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'value.format' = '|"))
                .contains("json", "debezium-json");
        assertThat(labels("CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'scan.startup.mode' = '|"))
                .contains("earliest-offset", "latest-offset", "group-offsets", "timestamp");
        assertThat(labels("CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'properties.bootstrap.servers' = '|"))
                .containsExactly("localhost:19092");
    }

    @Test
    void optionKeysOfTheConnectorAndItsFormat() {
        String ddl = "CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'format' = 'json', '|";
        List<String> keys = labels(ddl);
        assertThat(keys).contains("topic", "properties.bootstrap.servers", "scan.startup.mode",
                "json.ignore-parse-errors").doesNotContain("connector", "format");
        assertThat(labels("CREATE TABLE t (a INT) WITH ('|")).containsExactly("connector");
        Completion topic = at("CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'top|", false).options().get(0);
        assertThat(topic.apply()).isEqualTo("topic' = '");
    }

    @Test
    void sessionOptionsAfterSet() {
        assertThat(labels("SET 'table.exec.state|")).contains("table.exec.state.ttl");
        assertThat(labels("SET 'execution.runtime-mode' = '|")).contains("STREAMING", "BATCH");
    }

    @Test
    void manyMatchesAreCutAndMarkedIncomplete() {
        Completions keywords = at("SELECT | FROM orders", true);
        assertThat(keywords.options()).hasSize(SqlCompleter.LIMIT);
        assertThat(keywords.complete()).isFalse();
        assertThat(at("SELECT * FROM |", true).complete()).isTrue();
    }

    @Test
    void replacesTheWordBeingTyped() {
        Completions c = at("SELECT * FROM ord|", false);
        assertThat(c.from()).isEqualTo("SELECT * FROM ".length());
        assertThat(c.to()).isEqualTo("SELECT * FROM ord".length());
    }

    @Test
    void reservedWordsAreHighlightedButColumnLikeKeywordsAreNot() {
        List<String> highlighted = FlinkVocabulary.get().highlighted();
        assertThat(highlighted).contains("SELECT", "FROM", "WATERMARK", "TEMPORARY").doesNotContain("NAME", "STATUS");
        assertThat(FlinkVocabulary.get().keywords()).contains("NAME");
    }
}
