package dev.eddy.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table as the wizard designs it: where its data is (an integration and a topic or PostgreSQL
 * table), how it is encoded, its columns, event time and key. {@link TableDdl} turns it into the
 * {@code CREATE TABLE} the user sees before it is created.
 *
 * @param source the topic, or the PostgreSQL table ({@code schema.table}, {@code public.} may be left out)
 * @param watermarkDelaySeconds how late events may arrive, when {@code watermarkColumn} is set
 * @param options further connector and format options (startup timestamp, group id, format settings)
 */
public record TableDraft(String name, String integration, Connector connector, String source, String valueFormat,
        String keyFormat, String startupMode, List<ColumnSpec> columns, String watermarkColumn,
        int watermarkDelaySeconds, List<String> primaryKey, Map<String, String> options, String comment) {

    /** How Flink reaches the data. */
    public enum Connector {
        KAFKA("kafka"), UPSERT_KAFKA("upsert-kafka"), JDBC("jdbc");

        private final String id;

        Connector(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public boolean kafka() {
            return this != JDBC;
        }
    }

    public static final List<String> VALUE_FORMATS = List.of("json", "avro", "avro-confluent", "debezium-json");
    public static final List<String> KEY_FORMATS = List.of("json", "raw", "avro", "avro-confluent");
    public static final List<String> STARTUP_MODES = List.of("earliest-offset", "latest-offset", "group-offsets",
            "timestamp");
    private static final Set<String> EVENT_TIME_TYPES = Set.of("TIMESTAMP(3)", "TIMESTAMP_LTZ(3)",
            "TIMESTAMP(3)WITHLOCALTIMEZONE");

    /** What must change before the table can be created, in words; empty when it can be. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
            problems.add("A table name is letters, digits and underscores, starting with a letter (e.g. orders_raw)");
        }
        if (integration == null || integration.isBlank()) {
            problems.add("Pick the integration the data is in");
        }
        if (source == null || source.isBlank()) {
            problems.add(connector == Connector.JDBC ? "Pick the PostgreSQL table" : "Pick the topic");
        }
        if (columns.stream().noneMatch(c -> !c.computed())) {
            problems.add("A table needs at least one column");
        }
        List<String> names = columns.stream().map(ColumnSpec::name).toList();
        names.stream().filter(n -> names.indexOf(n) != names.lastIndexOf(n)).distinct()
                .forEach(n -> problems.add("Column " + n + " appears twice"));
        columns.stream().filter(c -> c.name() == null || c.name().isBlank()).findAny()
                .ifPresent(c -> problems.add("Every column needs a name"));
        columns.stream().filter(c -> !c.computed() && (c.type() == null || c.type().isBlank())).findAny()
                .ifPresent(c -> problems.add("Column " + c.name() + " needs a type"));
        if (watermarkColumn != null && !watermarkColumn.isBlank()) {
            columns.stream().filter(c -> c.name().equals(watermarkColumn)).findFirst().ifPresentOrElse(c -> {
                if (c.type() == null || !EVENT_TIME_TYPES.contains(c.type().toUpperCase().replace(" ", ""))) {
                    problems.add("The event-time column " + watermarkColumn + " must be TIMESTAMP(3) or "
                            + "TIMESTAMP_LTZ(3), not " + c.type());
                }
            }, () -> problems.add("The event-time column " + watermarkColumn + " is not a column of the table"));
            if (watermarkDelaySeconds < 0) {
                problems.add("The watermark delay cannot be negative");
            }
        }
        for (String key : primaryKey) {
            columns.stream().filter(c -> c.name().equals(key)).findFirst().ifPresentOrElse(c -> {
                if (c.computed()) {
                    problems.add("Computed column " + key + " cannot be part of the primary key");
                }
            }, () -> problems.add("Key column " + key + " is not a column of the table"));
        }
        if (connector == Connector.UPSERT_KAFKA && primaryKey.isEmpty()) {
            problems.add("An upsert-kafka table needs a primary key: the message key it upserts by");
        }
        if (connector != Connector.JDBC && (valueFormat == null || valueFormat.isBlank())) {
            problems.add("Pick the format of the messages");
        }
        if (connector == Connector.KAFKA && "timestamp".equals(startupMode)
                && !options.getOrDefault("scan.startup.timestamp-millis", "").matches("\\d+")) {
            problems.add("Reading from a point in time needs that time (epoch milliseconds)");
        }
        if (connector == Connector.KAFKA && "group-offsets".equals(startupMode)
                && options.getOrDefault("properties.group.id", "").isBlank()) {
            problems.add("Reading from the consumer group's offsets needs the group's name");
        }
        if (connector == Connector.UPSERT_KAFKA && "debezium-json".equals(valueFormat)) {
            problems.add("upsert-kafka takes plain records (json, avro); read Debezium change events with the kafka connector");
        }
        return problems;
    }
}
