package dev.eddy.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.table.ColumnSpec;
import dev.eddy.table.TableDdl;
import dev.eddy.table.TableDraft;
import dev.eddy.table.TableException;
import dev.eddy.table.TableInfo;
import dev.eddy.table.TableService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;
import org.springframework.stereotype.Component;

/**
 * Plans a table of a spec against Eddy's catalog. Both sides are compared as the DDL they make,
 * with types and expressions in one spelling ({@code STRING} and {@code VARCHAR(2147483647)} are
 * one type), so an apply of an unchanged spec finds nothing to do.
 */
@Component
class TablePlanner {
    private final TableService tables;

    TablePlanner(TableService tables) {
        this.tables = tables;
    }

    /**
     * @param kindOf the kind of an integration, from Eddy or from the spec when it creates it
     * @param integrationExists whether the integration exists already (otherwise inference waits for apply)
     */
    Step plan(TableSpec spec, Function<String, IntegrationKind> kindOf, boolean integrationExists) {
        TableDraft.Connector connector = connector(spec, kindOf.apply(spec.integration()));
        boolean exists = tables.list().stream().anyMatch(t -> t.name().equals(spec.name()));
        if (!exists) {
            if (spec.infersColumns() && !integrationExists) {
                return new Step(new PlannedChange(ResourceKind.TABLE, spec.name(), PlannedChange.Action.CREATE,
                        List.of("+ columns inferred from " + spec.source() + " when " + spec.integration()
                                + " exists, at apply"), null, null),
                        () -> tables.create(desired(spec, connector, null)));
            }
            TableDraft draft;
            try {
                draft = desired(spec, connector, null);
            } catch (SpecException e) {
                return blocked(spec, PlannedChange.Action.CREATE, e.getMessage());
            }
            List<String> details = new ArrayList<>();
            TableDdl.render(draft).lines().forEach(l -> details.add("+ " + l));
            List<String> problems = draft.problems();
            return new Step(new PlannedChange(ResourceKind.TABLE, spec.name(), PlannedChange.Action.CREATE, details,
                    null, problems.isEmpty() ? null : String.join("; ", problems)), () -> tables.create(draft));
        }
        TableInfo info = tables.get(spec.name());
        if (info.view()) {
            return blocked(spec, PlannedChange.Action.CHANGE, "it is a view in Eddy's catalog; a spec holds tables. "
                    + "Rename one of them.");
        }
        TableDraft current = tables.draftOf(spec.name());
        TableDraft draft = desired(spec, connector, current);
        String before = comparable(current);
        String after = comparable(draft);
        if (comparable(current, true).equals(comparable(draft, true))) {
            return Step.keep(ResourceKind.TABLE, spec.name());
        }
        List<String> problems = draft.problems();
        return new Step(new PlannedChange(ResourceKind.TABLE, spec.name(), PlannedChange.Action.CHANGE,
                Diff.text(before, after), null, problems.isEmpty() ? null : String.join("; ", problems)),
                () -> tables.update(spec.name(), draft));
    }

    Step delete(String name) {
        return new Step(new PlannedChange(ResourceKind.TABLE, name, PlannedChange.Action.DELETE, List.of(), null, null),
                () -> tables.drop(name));
    }

    /** The draft the spec describes; inferred columns are read now, or kept from {@code current}. */
    private TableDraft desired(TableSpec spec, TableDraft.Connector connector, TableDraft current) {
        List<ColumnSpec> columns;
        List<String> key = spec.primaryKey();
        if (!spec.infersColumns()) {
            columns = columns(spec.columns());
        } else if (current != null) {
            columns = current.columns();
            key = key.isEmpty() ? current.primaryKey() : key;
        } else if (connector == TableDraft.Connector.JDBC) {
            TableService.TableShape shape = tables.fromPostgres(spec.integration(), spec.source());
            columns = shape.columns();
            key = key.isEmpty() ? shape.primaryKey() : key;
        } else {
            TableService.TopicSample sample = tables.sampleTopic(spec.integration(), spec.source(), spec.format(), 50);
            columns = sample.inference().columns();
            if (columns.isEmpty()) {
                throw new SpecException("columns cannot be inferred: " + String.join("; ", sample.inference().notes())
                        + ". List them in the spec.");
            }
        }
        TableSpec.Watermark w = spec.watermark();
        return new TableDraft(spec.name(), spec.integration(), connector, spec.source(), spec.format(), spec.keyFormat(),
                spec.startup(), columns, w == null ? null : w.column(),
                w == null || w.delaySeconds() == null ? 0 : w.delaySeconds(), key, spec.options(), spec.comment());
    }

    private static List<ColumnSpec> columns(JsonNode list) {
        List<ColumnSpec> columns = new ArrayList<>();
        for (JsonNode c : list) {
            columns.add(new ColumnSpec(c.path("name").asText(null), c.path("type").asText(null),
                    c.path("expression").asText(null), null));
        }
        return columns;
    }

    static TableDraft.Connector connector(TableSpec spec, IntegrationKind kind) {
        if (spec.connector() == null) {
            return kind == IntegrationKind.POSTGRES ? TableDraft.Connector.JDBC : TableDraft.Connector.KAFKA;
        }
        return switch (spec.connector()) {
            case "upsert-kafka" -> TableDraft.Connector.UPSERT_KAFKA;
            case "jdbc" -> TableDraft.Connector.JDBC;
            default -> TableDraft.Connector.KAFKA;
        };
    }

    /** The DDL with each type and expression in one spelling, friendly names kept where Flink has one. */
    static String comparable(TableDraft d) {
        return comparable(d, false);
    }

    /** {@code caseless}: expressions upper case, for comparing (Flink upper-cases function names). */
    static String comparable(TableDraft d, boolean caseless) {
        Set<String> key = Set.copyOf(d.primaryKey());
        List<ColumnSpec> columns = d.columns().stream().map(c -> c.computed()
                ? new ColumnSpec(c.name(), null, caseless ? expression(c.expression()).toUpperCase(Locale.ROOT)
                        : expression(c.expression()), null)
                : new ColumnSpec(c.name(), type(c.type(), key.contains(c.name())), null, null)).toList();
        return TableDdl.render(new TableDraft(d.name(), d.integration(), d.connector(), d.source(), d.valueFormat(),
                d.keyFormat(), d.startupMode(), columns, d.watermarkColumn(), d.watermarkDelaySeconds(), d.primaryKey(),
                d.options(), d.comment() == null || d.comment().isBlank() ? null : d.comment()));
    }

    static String type(String type, boolean key) {
        if (type == null) {
            return null;
        }
        try {
            LogicalType parsed = LogicalTypeParser.parse(type, TablePlanner.class.getClassLoader());
            // A primary key's columns are NOT NULL whether the spec says so or not.
            String text = (key ? parsed.copy(false) : parsed).asSerializableString();
            return text.replace("VARCHAR(2147483647)", "STRING").replace("VARBINARY(2147483647)", "BYTES")
                    .replaceAll("TIMESTAMP\\((\\d)\\) WITH LOCAL TIME ZONE", "TIMESTAMP_LTZ($1)");
        } catch (RuntimeException e) {
            return type.strip().toUpperCase(Locale.ROOT);
        }
    }

    /** Flink stores expressions re-written (identifiers quoted, names upper case): compared without quotes, spaces or case. */
    static String expression(String expression) {
        return expression.replace("`", "").replaceAll("\\s+", " ").replaceAll("\\s*([(),])\\s*", "$1").strip();
    }

    private static Step blocked(TableSpec spec, PlannedChange.Action action, String why) {
        return new Step(new PlannedChange(ResourceKind.TABLE, spec.name(), action, List.of(), null, why), () -> {
            throw new TableException(spec.name() + ": " + why);
        });
    }
}
