package dev.eddy.table;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Flink type that reads a PostgreSQL column type through Flink's JDBC connector, or none when
 * the connector cannot read it. Each answer was checked against a real PostgreSQL
 * ({@code PostgresTypesIT}): the connector casts what the driver returns, so a type the driver
 * gives as an object of its own (uuid, json, inet, interval…) fails at run time even as STRING, and
 * TIMESTAMP_LTZ is refused by its row converter although its dialect lists it.
 */
final class PostgresTypes {
    private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),\\s*(\\d+)\\)");
    private static final Pattern PRECISION = Pattern.compile(".*\\((\\d)\\).*");
    private static final Pattern BIT = Pattern.compile("bit(\\((\\d+)\\))?");
    /** Built-in types the JDBC driver returns as driver objects, which the connector cannot convert. */
    private static final Set<String> UNREADABLE = Set.of("uuid", "json", "jsonb", "inet", "cidr", "macaddr", "macaddr8",
            "interval", "xml", "bit varying", "point", "line", "lseg", "box", "path", "polygon", "circle", "tsvector",
            "tsquery", "hstore", "pg_lsn", "txid_snapshot", "pg_snapshot", "jsonpath");

    private PostgresTypes() {}

    /** The Flink type for a PostgreSQL type as {@code format_type} names it; empty when Flink cannot read it. */
    static Optional<String> flink(String postgresType) {
        String t = postgresType.toLowerCase(Locale.ROOT).strip();
        if (t.endsWith("[]")) {
            return flink(t.substring(0, t.length() - 2)).map(element -> "ARRAY<" + element + ">");
        }
        if (UNREADABLE.contains(t.replaceAll("\\(.*\\)", "").strip()) || t.endsWith("range")) {
            return Optional.empty();
        }
        Matcher bit = BIT.matcher(t);
        if (bit.matches()) {
            // bit(1) arrives as a Boolean; longer bit strings as driver objects.
            return bit.group(2) == null || bit.group(2).equals("1") ? Optional.of("BOOLEAN") : Optional.empty();
        }
        Matcher numeric = NUMERIC.matcher(t);
        if (numeric.matches()) {
            return Optional.of("DECIMAL(" + numeric.group(1) + ", " + numeric.group(2) + ")");
        }
        if (t.startsWith("timestamp")) {
            // With or without time zone: the connector's row converter refuses TIMESTAMP_LTZ.
            return Optional.of("TIMESTAMP(" + precision(t, "6") + ")");
        }
        if (t.startsWith("time")) {
            return Optional.of("TIME(" + precision(t, "0") + ")");
        }
        return Optional.of(switch (t) {
            case "smallint", "smallserial" -> "SMALLINT";
            case "integer", "serial" -> "INT";
            case "bigint", "bigserial", "oid" -> "BIGINT";
            case "real" -> "FLOAT";
            case "double precision", "money" -> "DOUBLE";
            case "numeric" -> "DECIMAL(38, 18)";
            case "boolean" -> "BOOLEAN";
            case "date" -> "DATE";
            case "bytea" -> "BYTES";
            // Text of every kind, and types of the database's own (enums, domains over text) arrive as strings.
            default -> "STRING";
        });
    }

    /** What a user should know of how a readable type is read; empty when it reads as it is. */
    static Optional<String> caveat(String postgresType) {
        String t = postgresType.toLowerCase(Locale.ROOT).strip();
        if (t.startsWith("timestamp") && t.contains("with time zone")) {
            return Optional.of("is read as TIMESTAMP in the Flink cluster's time zone (the JDBC connector cannot read "
                    + "TIMESTAMP_LTZ)");
        }
        if (t.startsWith("time") && t.contains("with time zone")) {
            return Optional.of("is read as TIME in the Flink cluster's time zone, its offset dropped");
        }
        if (t.equals("money")) {
            return Optional.of("is read as DOUBLE");
        }
        return Optional.empty();
    }

    private static String precision(String type, String otherwise) {
        Matcher m = PRECISION.matcher(type);
        return m.matches() ? m.group(1) : otherwise;
    }
}
