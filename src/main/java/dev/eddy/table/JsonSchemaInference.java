package dev.eddy.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Proposes Flink columns from sample JSON messages: nested objects become ROWs, arrays ARRAYs,
 * ISO-8601 strings timestamps or dates, integers BIGINT, epoch numbers get a computed timestamp
 * beside them. Types seen together widen (BIGINT with DOUBLE is DOUBLE, a number with a string is
 * STRING); a field that was always null is STRING. For Debezium, the row images ({@code after}, else {@code before}).
 */
public final class JsonSchemaInference {
    // Decimals keep the digits they were written with ("25.00" has two): a fixed scale means money.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
    private static final Pattern TS_ZONED = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}(:?\\d{2})?)");
    private static final Pattern TS_LOCAL = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME_NAME = Pattern.compile("(?i).*(time|ts|_at|date|timestamp|epoch).*");

    private JsonSchemaInference() {}

    /**
     * What the samples say.
     *
     * @param timestampStandard the {@code json.timestamp-format.standard} the timestamps need
     *     ({@code ISO-8601} with a 'T', {@code SQL} with a space)
     * @param schemaInclude Debezium messages that carry their schema ({@code debezium-json.schema-include})
     */
    public record Inference(List<ColumnSpec> columns, int sampled, int unreadable, String timestampStandard,
            boolean schemaInclude, List<String> notes) {}

    public static Inference infer(List<String> messages, boolean debezium) {
        Shape root = Shape.object();
        int sampled = 0;
        int unreadable = 0;
        boolean schemaInclude = false;
        Standard standard = new Standard();
        for (String message : messages) {
            JsonNode node = parse(message);
            if (node != null && debezium) {
                if (node.has("payload") && node.has("schema")) {
                    schemaInclude = true;
                    node = node.get("payload");
                }
                JsonNode after = node.get("after");
                node = after != null && !after.isNull() ? after : node.get("before");
            }
            if (node == null || !node.isObject()) {
                unreadable++;
                continue;
            }
            sampled++;
            root = root.merge(Shape.of(node, standard));
        }
        List<ColumnSpec> columns = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, Shape> field : root.fields.entrySet()) {
            Shape shape = field.getValue();
            ColumnSpec column = ColumnSpec.physical(field.getKey(), shape.flinkType());
            if (shape.kind == Kind.NULL) {
                column = column.withNote("always null in the samples: STRING until you know better");
            } else if (shape.mixed) {
                column = column.withNote("mixed types in the samples: read as STRING");
            }
            columns.add(column);
            epochUnit(field.getKey(), shape).ifPresent(precision -> {
                String name = field.getKey() + "_time";
                columns.add(new ColumnSpec(name, "TIMESTAMP_LTZ(3)", "TO_TIMESTAMP_LTZ(`" + field.getKey() + "`, "
                        + precision + ")", "epoch " + (precision == 3 ? "milliseconds" : "seconds") + " in "
                        + field.getKey() + ", as a timestamp (usable for a watermark)"));
            });
        }
        if (unreadable > 0) {
            notes.add(unreadable + " of " + messages.size() + " messages were not " + (debezium
                    ? "Debezium change events" : "JSON objects") + " and were left out");
        }
        if (sampled == 0 && !messages.isEmpty()) {
            notes.add("No message could be read: is the format right?");
        }
        return new Inference(columns, sampled, unreadable, standard.value(), schemaInclude, notes);
    }

    private static JsonNode parse(String message) {
        if (message == null) {
            return null;
        }
        try {
            return JSON.readTree(message);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Epoch seconds or milliseconds: the TO_TIMESTAMP_LTZ precision (0 or 3), when the numbers look like it. */
    private static java.util.Optional<Integer> epochUnit(String name, Shape shape) {
        if (shape.kind != Kind.INTEGER || shape.min == Long.MAX_VALUE) {
            return java.util.Optional.empty();
        }
        // 2001-09-09 .. 2286-11-20 in milliseconds; in seconds only where the name says it is a time.
        if (shape.min >= 1_000_000_000_000L && shape.max < 10_000_000_000_000L) {
            return java.util.Optional.of(3);
        }
        if (shape.min >= 1_000_000_000L && shape.max < 10_000_000_000L && TIME_NAME.matcher(name).matches()) {
            return java.util.Optional.of(0);
        }
        return java.util.Optional.empty();
    }

    private enum Kind { NULL, BOOLEAN, INTEGER, DOUBLE, STRING, TIMESTAMP_LTZ, TIMESTAMP, DATE, ROW, ARRAY }

    /** Which timestamp text the samples use; ISO-8601 unless only the SQL form was seen. */
    private static final class Standard {
        private boolean iso;
        private boolean sql;

        void saw(String text) {
            if (text.length() > 10 && text.charAt(10) == 'T') {
                iso = true;
            } else {
                sql = true;
            }
        }

        String value() {
            return sql && !iso ? "SQL" : "ISO-8601";
        }
    }

    /** The type of one value, or of many merged. */
    private static final class Shape {
        final Kind kind;
        final LinkedHashMap<String, Shape> fields = new LinkedHashMap<>();
        Shape element;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        boolean mixed;
        /** Digits after the point of every decimal seen, or -1 when they differ (or a number was whole). */
        int scale = -1;
        /** The most digits before the point among the decimals seen. */
        int integerDigits;
        int decimals;

        private Shape(Kind kind) {
            this.kind = kind;
        }

        static Shape object() {
            return new Shape(Kind.ROW);
        }

        static Shape of(JsonNode node, Standard standard) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return new Shape(Kind.NULL);
            }
            if (node.isBoolean()) {
                return new Shape(Kind.BOOLEAN);
            }
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                Shape s = new Shape(Kind.INTEGER);
                s.min = node.asLong();
                s.max = node.asLong();
                return s;
            }
            if (node.isNumber()) {
                Shape s = new Shape(Kind.DOUBLE);
                java.math.BigDecimal d = node.decimalValue();
                if (d.scale() > 0 && d.scale() <= 18 && !node.asText().matches(".*[eE].*")) {
                    s.scale = d.scale();
                    s.integerDigits = Math.max(1, d.precision() - d.scale());
                    s.decimals = 1;
                }
                return s;
            }
            if (node.isTextual()) {
                String text = node.asText();
                if (TS_ZONED.matcher(text).matches()) {
                    standard.saw(text);
                    return new Shape(Kind.TIMESTAMP_LTZ);
                }
                if (TS_LOCAL.matcher(text).matches()) {
                    standard.saw(text);
                    return new Shape(Kind.TIMESTAMP);
                }
                if (DATE.matcher(text).matches()) {
                    return new Shape(Kind.DATE);
                }
                return new Shape(Kind.STRING);
            }
            if (node.isObject()) {
                Shape s = object();
                node.fields().forEachRemaining(e -> s.fields.put(e.getKey(), of(e.getValue(), standard)));
                return s;
            }
            if (node.isArray()) {
                Shape s = new Shape(Kind.ARRAY);
                Shape element = new Shape(Kind.NULL);
                for (JsonNode item : node) {
                    element = element.merge(of(item, standard));
                }
                s.element = element;
                return s;
            }
            return new Shape(Kind.STRING);
        }

        Shape merge(Shape other) {
            if (other.kind == Kind.NULL) {
                return this;
            }
            if (kind == Kind.NULL) {
                return other;
            }
            if (kind == Kind.ROW && other.kind == Kind.ROW) {
                Shape s = object();
                s.fields.putAll(fields);
                other.fields.forEach((name, shape) -> s.fields.merge(name, shape, Shape::merge));
                return s;
            }
            if (kind == Kind.ARRAY && other.kind == Kind.ARRAY) {
                Shape s = new Shape(Kind.ARRAY);
                s.element = element.merge(other.element);
                return s;
            }
            if (kind == other.kind) {
                Shape s = new Shape(kind);
                s.min = Math.min(min, other.min);
                s.max = Math.max(max, other.max);
                s.mixed = mixed || other.mixed;
                s.scale = scale == other.scale ? scale : -1;
                s.integerDigits = Math.max(integerDigits, other.integerDigits);
                s.decimals = decimals + other.decimals;
                return s;
            }
            if (numeric(kind) && numeric(other.kind)) {
                return new Shape(Kind.DOUBLE);
            }
            if (temporal(kind) && temporal(other.kind)) {
                // A zoned and a local timestamp: keep the instant, the local one reads as UTC.
                return new Shape(kind == Kind.DATE || other.kind == Kind.DATE ? Kind.STRING : Kind.TIMESTAMP_LTZ);
            }
            Shape s = new Shape(Kind.STRING);
            // Strings seen beside timestamps are still just text; anything else is a real mix.
            s.mixed = !(textual(kind) && textual(other.kind));
            return s;
        }

        private static boolean numeric(Kind k) {
            return k == Kind.INTEGER || k == Kind.DOUBLE;
        }

        private static boolean temporal(Kind k) {
            return k == Kind.TIMESTAMP || k == Kind.TIMESTAMP_LTZ || k == Kind.DATE;
        }

        private static boolean textual(Kind k) {
            return k == Kind.STRING || temporal(k);
        }

        String flinkType() {
            return switch (kind) {
                case NULL, STRING -> "STRING";
                case BOOLEAN -> "BOOLEAN";
                // JSON does not say how large a number gets: an id that fits an INT today may not tomorrow.
                case INTEGER -> "BIGINT";
                // Amounts written with a fixed number of decimals (25.00, 3.10) sum exactly as DECIMAL;
                // a DOUBLE would show 1311.7999999999. Room is left for larger values than sampled.
                case DOUBLE -> scale > 0 && decimals >= 2
                        ? "DECIMAL(" + Math.min(38, Math.max(10, integerDigits + scale + 6)) + ", " + scale + ")"
                        : "DOUBLE";
                case TIMESTAMP_LTZ -> "TIMESTAMP_LTZ(3)";
                case TIMESTAMP -> "TIMESTAMP(3)";
                case DATE -> "DATE";
                case ARRAY -> "ARRAY<" + element.flinkType() + ">";
                case ROW -> {
                    List<String> parts = new ArrayList<>();
                    fields.forEach((name, shape) -> parts.add(TableDdl.quote(name) + " " + shape.flinkType()));
                    yield parts.isEmpty() ? "STRING" : "ROW<" + String.join(", ", parts) + ">";
                }
            };
        }
    }
}
