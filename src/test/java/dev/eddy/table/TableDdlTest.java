package dev.eddy.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.table.TableDraft.Connector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableDdlTest {
    private static final List<ColumnSpec> COLUMNS = List.of(ColumnSpec.physical("order_id", "BIGINT"),
            ColumnSpec.physical("status", "STRING"), ColumnSpec.physical("order_time", "TIMESTAMP_LTZ(3)"));

    @Test
    void aKafkaTableNamesItsIntegrationNotItsAddressOrPassword() {
        TableDraft draft = new TableDraft("orders_raw", "local-kafka", Connector.KAFKA, "orders", "json", null,
                "earliest-offset", COLUMNS, "order_time", 5, List.of(),
                Map.of("json.timestamp-format.standard", "ISO-8601"), "Orders as they arrive");
        assertThat(draft.problems()).isEmpty();
        assertThat(TableDdl.render(draft)).isEqualTo("""
                CREATE TABLE `orders_raw` (
                  `order_id` BIGINT,
                  `status` STRING,
                  `order_time` TIMESTAMP_LTZ(3),
                  WATERMARK FOR `order_time` AS `order_time` - INTERVAL '5' SECOND
                )
                COMMENT 'Orders as they arrive'
                WITH (
                  'connector' = 'kafka',
                  'eddy.integration' = 'local-kafka',
                  'topic' = 'orders',
                  'format' = 'json',
                  'scan.startup.mode' = 'earliest-offset',
                  'json.timestamp-format.standard' = 'ISO-8601'
                )""");
    }

    @Test
    void upsertKafkaAndJdbcTablesGetTheirKeyAndTable() {
        TableDraft upsert = new TableDraft("latest_status", "local-kafka", Connector.UPSERT_KAFKA, "status", "json",
                "json", null, COLUMNS, null, 0, List.of("order_id"), Map.of(), null);
        assertThat(TableDdl.render(upsert)).contains("PRIMARY KEY (`order_id`) NOT ENFORCED")
                .contains("'connector' = 'upsert-kafka'").contains("'key.format' = 'json'")
                .contains("'value.format' = 'json'").doesNotContain("scan.startup.mode");
        TableDraft jdbc = new TableDraft("customers_pg", "sample-postgres", Connector.JDBC, "public.customers", null,
                null, null, List.of(ColumnSpec.physical("id", "INT")), null, 0, List.of("id"), Map.of(), null);
        assertThat(TableDdl.render(jdbc)).contains("'table-name' = 'customers'").doesNotContain("format");
    }

    @Test
    void computedColumnsAndQuotesAreWrittenSafely() {
        TableDraft draft = new TableDraft("it's", "k", Connector.KAFKA, "t", "json", null, null, List.of(
                ColumnSpec.physical("ts", "BIGINT"),
                new ColumnSpec("ts_time", "TIMESTAMP_LTZ(3)", "TO_TIMESTAMP_LTZ(`ts`, 3)", null),
                ColumnSpec.physical("we`ird", "STRING")), "ts_time", 0, List.of(), Map.of(), "Bob's table");
        String ddl = TableDdl.render(draft);
        assertThat(ddl).contains("`ts_time` AS TO_TIMESTAMP_LTZ(`ts`, 3)").contains("`we``ird` STRING")
                .contains("WATERMARK FOR `ts_time` AS `ts_time`\n").contains("COMMENT 'Bob''s table'");
    }

    @Test
    void serializedTypesAreShownAsPeopleTypeThem() {
        assertThat(TableService.friendlyType("VARCHAR(2147483647) NOT NULL")).isEqualTo("STRING NOT NULL");
        assertThat(TableService.friendlyType("ROW<`a` VARCHAR(2147483647), `t` TIMESTAMP(3) WITH LOCAL TIME ZONE>"))
                .isEqualTo("ROW<`a` STRING, `t` TIMESTAMP_LTZ(3)>");
        assertThat(TableService.friendlyType("VARCHAR(20)")).isEqualTo("VARCHAR(20)");
    }

    @Test
    void problemsAreSaidInWords() {
        TableDraft bad = new TableDraft("1bad", "", Connector.UPSERT_KAFKA, "", "debezium-json", null, null, List.of(
                ColumnSpec.physical("a", "STRING"), ColumnSpec.physical("a", "INT")), "a", 5, List.of("nope"),
                Map.of(), null);
        assertThat(bad.problems()).contains(
                "A table name is letters, digits and underscores, starting with a letter (e.g. orders_raw)",
                "Pick the integration the data is in", "Pick the topic", "Column a appears twice",
                "The event-time column a must be TIMESTAMP(3) or TIMESTAMP_LTZ(3), not STRING",
                "Key column nope is not a column of the table",
                "upsert-kafka takes plain records (json, avro); read Debezium change events with the kafka connector");
        TableDraft pointInTime = new TableDraft("t", "k", Connector.KAFKA, "t", "json", null, "timestamp", COLUMNS,
                null, 0, List.of(), Map.of(), null);
        assertThat(pointInTime.problems()).containsExactly(
                "Reading from a point in time needs that time (epoch milliseconds)");
        TableDraft group = new TableDraft("t", "k", Connector.KAFKA, "t", "json", null, "group-offsets", COLUMNS,
                null, 0, List.of(), Map.of("properties.group.id", "dash"), null);
        assertThat(group.problems()).isEmpty();
        TableDraft noKey = new TableDraft("t", "k", Connector.UPSERT_KAFKA, "t", "json", "json", null, COLUMNS, null,
                0, List.of(), Map.of(), null);
        assertThat(noKey.problems()).containsExactly(
                "An upsert-kafka table needs a primary key: the message key it upserts by");
    }
}
