package dev.eddy.table;

import dev.eddy.table.JsonSchemaInference.Inference;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.formats.avro.typeutils.AvroSchemaConverter;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Columns from the Avro schema the messages were written with, mapped as Flink's avro-confluent
 * format reads them (its default, legacy timestamp mapping): so the table reads exactly what the
 * writer wrote, nested records as ROWs, optional fields nullable.
 */
final class AvroSchemaInference {

    private AvroSchemaInference() {}

    /**
     * @param schema the writer's schema (Avro JSON), a record
     * @param sampled how many messages named it
     * @param note where the schema came from, for the user
     */
    static Inference fromSchema(String schema, int sampled, String note) {
        DataType type;
        try {
            type = AvroSchemaConverter.convertToDataType(schema);
        } catch (RuntimeException e) {
            throw new TableException("The messages' Avro schema cannot be read as Flink columns: " + e.getMessage());
        }
        if (!(type.getLogicalType() instanceof RowType row)) {
            throw new TableException("The messages' Avro schema is a " + type.getLogicalType().asSummaryString()
                    + ", not a record: a table needs named fields (enter one column for the whole value by hand)");
        }
        List<ColumnSpec> columns = new ArrayList<>();
        for (RowType.RowField field : row.getFields()) {
            columns.add(ColumnSpec.physical(field.getName(), sql(field.getType())));
        }
        return new Inference(columns, sampled, 0, "ISO-8601", false, List.of(note));
    }

    private static String sql(LogicalType type) {
        try {
            // Written as a user would write them.
            return type.asSerializableString().replace("VARCHAR(2147483647)", "STRING")
                    .replace("VARBINARY(2147483647)", "BYTES");
        } catch (org.apache.flink.table.api.TableException notSerializable) {
            return type.asSummaryString();
        }
    }
}
