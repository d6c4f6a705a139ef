package dev.eddy.table;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Flink type that reads a PostgreSQL column type through the JDBC connector. */
final class PostgresTypes {
    private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),\\s*(\\d+)\\)");
    private static final Pattern PRECISION = Pattern.compile(".*\\((\\d)\\).*");

    private PostgresTypes() {}

    static String flink(String postgresType) {
        String t = postgresType.toLowerCase(Locale.ROOT).strip();
        if (t.endsWith("[]")) {
            return "ARRAY<" + flink(t.substring(0, t.length() - 2)) + ">";
        }
        Matcher numeric = NUMERIC.matcher(t);
        if (numeric.matches()) {
            return "DECIMAL(" + numeric.group(1) + ", " + numeric.group(2) + ")";
        }
        if (t.startsWith("timestamp")) {
            String precision = precision(t, "6");
            return (t.contains("with time zone") ? "TIMESTAMP_LTZ(" : "TIMESTAMP(") + precision + ")";
        }
        if (t.startsWith("time")) {
            return "TIME(" + precision(t, "0") + ")";
        }
        return switch (t) {
            case "smallint", "smallserial" -> "SMALLINT";
            case "integer", "serial" -> "INT";
            case "bigint", "bigserial" -> "BIGINT";
            case "real" -> "FLOAT";
            case "double precision" -> "DOUBLE";
            case "numeric" -> "DECIMAL(38, 18)";
            case "boolean" -> "BOOLEAN";
            case "date" -> "DATE";
            case "bytea" -> "BYTES";
            default -> "STRING";
        };
    }

    private static String precision(String type, String otherwise) {
        Matcher m = PRECISION.matcher(type);
        return m.matches() ? m.group(1) : otherwise;
    }
}
