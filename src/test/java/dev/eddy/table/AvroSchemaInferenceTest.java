package dev.eddy.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.table.JsonSchemaInference.Inference;
import org.junit.jupiter.api.Test;

class AvroSchemaInferenceTest {

    @Test
    void aWriterSchemaBecomesColumnsAsTheAvroConfluentFormatReadsThem() {
        Inference inference = AvroSchemaInference.fromSchema("""
                {"type": "record", "name": "Payment", "fields": [
                  {"name": "id", "type": "long"},
                  {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
                  {"name": "currency", "type": ["null", "string"], "default": null},
                  {"name": "paid_at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                  {"name": "day", "type": {"type": "int", "logicalType": "date"}},
                  {"name": "tags", "type": {"type": "array", "items": "string"}},
                  {"name": "attributes", "type": {"type": "map", "values": "double"}},
                  {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}},
                  {"name": "card", "type": ["null", {"type": "record", "name": "Card", "fields": [
                    {"name": "last4", "type": "string"}, {"name": "expires", "type": ["null", "int"]}]}]}
                ]}""", 3, "from schema 1");
        assertThat(inference.columns()).extracting(c -> c.name() + " " + c.type()).containsExactly(
                "id BIGINT NOT NULL",
                "amount DECIMAL(10, 2) NOT NULL",
                "currency STRING",
                "paid_at TIMESTAMP(3) NOT NULL",
                "day DATE NOT NULL",
                "tags ARRAY<STRING NOT NULL> NOT NULL",
                "attributes MAP<STRING NOT NULL, DOUBLE NOT NULL> NOT NULL",
                "status STRING NOT NULL",
                "card ROW<`last4` STRING NOT NULL, `expires` INT>");
        assertThat(inference.sampled()).isEqualTo(3);
        assertThat(inference.notes()).containsExactly("from schema 1");
    }

    @Test
    void aSchemaThatIsNotARecordOrNotAvroIsRefusedInWords() {
        assertThatThrownBy(() -> AvroSchemaInference.fromSchema("\"string\"", 1, ""))
                .isInstanceOf(TableException.class).hasMessageContaining("not a record");
        assertThatThrownBy(() -> AvroSchemaInference.fromSchema("{\"type\": \"recrod\"}", 1, ""))
                .isInstanceOf(TableException.class).hasMessageContaining("cannot be read as Flink columns");
    }
}
