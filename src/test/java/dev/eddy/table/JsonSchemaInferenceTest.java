package dev.eddy.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.table.JsonSchemaInference.Inference;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JsonSchemaInferenceTest {

    private static Map<String, String> types(Inference inference) {
        return inference.columns().stream().collect(Collectors.toMap(ColumnSpec::name,
                c -> c.computed() ? "AS " + c.expression() : c.type(), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    @Test
    void flatRecordsKeepTheirFieldOrderAndGetFlinkTypes() {
        Inference i = JsonSchemaInference.infer(List.of(
                "{\"id\": 1, \"name\": \"Ada\", \"price\": 9.5, \"paid\": true}",
                "{\"id\": 2, \"name\": \"Linus\", \"price\": 10, \"paid\": false}"), false);
        assertThat(types(i)).containsExactly(Map.entry("id", "BIGINT"), Map.entry("name", "STRING"),
                Map.entry("price", "DOUBLE"), Map.entry("paid", "BOOLEAN"));
        assertThat(i.sampled()).isEqualTo(2);
        assertThat(i.notes()).isEmpty();
    }

    @Test
    void amountsWithAFixedNumberOfDecimalsBecomeDecimal() {
        Inference i = JsonSchemaInference.infer(List.of(
                "{\"price\": 25.00, \"rate\": 0.5, \"ratio\": 1.25, \"big\": 123456.789, \"sci\": 1.50e3}",
                "{\"price\": 1311.80, \"rate\": 0.25, \"ratio\": 2.50, \"big\": 1.000, \"sci\": 2.10e3}"), false);
        assertThat(types(i)).containsEntry("price", "DECIMAL(12, 2)").containsEntry("rate", "DOUBLE")
                .containsEntry("ratio", "DECIMAL(10, 2)").containsEntry("big", "DECIMAL(15, 3)")
                .containsEntry("sci", "DOUBLE");
        Inference one = JsonSchemaInference.infer(List.of("{\"price\": 9.99}"), false);
        assertThat(types(one)).as("one value is too little to tell").containsEntry("price", "DOUBLE");
    }

    @Test
    void nestedObjectsBecomeRowsAndArraysArrays() {
        Inference i = JsonSchemaInference.infer(List.of(
                "{\"customer\": {\"id\": 7, \"address\": {\"city\": \"Oslo\"}}, \"tags\": [\"a\", \"b\"],"
                        + " \"lines\": [{\"sku\": \"x\", \"qty\": 2}]}",
                "{\"customer\": {\"id\": 8, \"vip\": true}, \"tags\": [], \"lines\": [{\"sku\": \"y\", \"qty\": 1.5}]}"),
                false);
        assertThat(types(i)).containsEntry("customer",
                        "ROW<`id` BIGINT, `address` ROW<`city` STRING>, `vip` BOOLEAN>")
                .containsEntry("tags", "ARRAY<STRING>")
                .containsEntry("lines", "ARRAY<ROW<`sku` STRING, `qty` DOUBLE>>");
    }

    @Test
    void nullsMakeAFieldNullableNotStringAndAlwaysNullIsStringWithANote() {
        Inference i = JsonSchemaInference.infer(List.of(
                "{\"a\": null, \"b\": null, \"c\": 1}",
                "{\"a\": 5, \"b\": null}"), false);
        assertThat(types(i)).containsEntry("a", "BIGINT").containsEntry("b", "STRING").containsEntry("c", "BIGINT");
        assertThat(i.columns().get(1).note()).contains("always null");
    }

    @Test
    void mixedTypesWidenToTheTypeThatHoldsBoth() {
        Inference i = JsonSchemaInference.infer(List.of(
                "{\"n\": 1, \"m\": 1, \"s\": \"x\", \"big\": 1}",
                "{\"n\": 2.5, \"m\": \"one\", \"s\": 3, \"big\": 9007199254740993}"), false);
        assertThat(types(i)).containsEntry("n", "DOUBLE").containsEntry("m", "STRING").containsEntry("s", "STRING")
                .containsEntry("big", "BIGINT");
        assertThat(i.columns().get(1).note()).contains("mixed types");
    }

    @Test
    void isoTimestampsAndDatesAreRecognisedAndTheStandardChosen() {
        Inference iso = JsonSchemaInference.infer(List.of(
                "{\"at\": \"2026-11-25T10:15:30.123Z\", \"local\": \"2026-11-25T10:15:30\", \"day\": \"2026-11-25\","
                        + " \"offset\": \"2026-11-25T10:15:30+01:00\", \"text\": \"2026-11-25 was a day\"}"), false);
        assertThat(types(iso)).containsEntry("at", "TIMESTAMP_LTZ(3)").containsEntry("local", "TIMESTAMP(3)")
                .containsEntry("day", "DATE").containsEntry("offset", "TIMESTAMP_LTZ(3)").containsEntry("text", "STRING");
        assertThat(iso.timestampStandard()).isEqualTo("ISO-8601");

        Inference sql = JsonSchemaInference.infer(List.of("{\"at\": \"2026-11-25 10:15:30.123\"}"), false);
        assertThat(types(sql)).containsEntry("at", "TIMESTAMP(3)");
        assertThat(sql.timestampStandard()).isEqualTo("SQL");
    }

    @Test
    void epochMillisAndSecondsGetAComputedTimestampBeside() {
        Inference i = JsonSchemaInference.infer(List.of(
                "{\"ts\": 1764065730123, \"created_at\": 1764065730, \"count\": 1764065730}"), false);
        assertThat(types(i)).containsExactly(Map.entry("ts", "BIGINT"),
                Map.entry("ts_time", "AS TO_TIMESTAMP_LTZ(`ts`, 3)"),
                Map.entry("created_at", "BIGINT"),
                Map.entry("created_at_time", "AS TO_TIMESTAMP_LTZ(`created_at`, 0)"),
                Map.entry("count", "BIGINT"));
        assertThat(i.columns().get(1).note()).contains("epoch milliseconds");
    }

    @Test
    void messagesThatAreNotJsonObjectsAreCountedAndLeftOut() {
        Inference i = JsonSchemaInference.infer(List.of("{\"a\": 1}", "not json", "[1, 2]", "42"), false);
        assertThat(types(i)).containsExactly(Map.entry("a", "BIGINT"));
        assertThat(i.unreadable()).isEqualTo(3);
        assertThat(i.notes()).containsExactly("3 of 4 messages were not JSON objects and were left out");
    }

    @Test
    void debeziumEventsAreReadFromTheirRowImages() {
        Inference i = JsonSchemaInference.infer(List.of(
                "{\"before\": null, \"after\": {\"id\": 1, \"email\": \"a@x\"}, \"op\": \"c\", \"ts_ms\": 1}",
                "{\"before\": {\"id\": 2, \"email\": \"b@x\", \"vip\": true}, \"after\": null, \"op\": \"d\"}"), true);
        assertThat(types(i)).containsExactly(Map.entry("id", "BIGINT"), Map.entry("email", "STRING"),
                Map.entry("vip", "BOOLEAN"));
        assertThat(i.schemaInclude()).isFalse();

        Inference enveloped = JsonSchemaInference.infer(List.of(
                "{\"schema\": {}, \"payload\": {\"before\": null, \"after\": {\"id\": 1}, \"op\": \"r\"}}"), true);
        assertThat(types(enveloped)).containsExactly(Map.entry("id", "BIGINT"));
        assertThat(enveloped.schemaInclude()).isTrue();
    }
}
