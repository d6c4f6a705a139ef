package dev.eddy.gitops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A table in a spec, in the wizard's terms. {@code columns} is a list of {@code {name, type}} or
 * {@code {name, expression}}, or the word {@code infer}: Eddy reads the topic's latest messages or
 * the PostgreSQL table's columns when it creates the table, and keeps them as they are afterwards.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "integration", "connector", "source", "format", "keyFormat", "startup", "columns",
        "watermark", "primaryKey", "options", "comment"})
public record TableSpec(String name, String integration, String connector, String source, String format,
        String keyFormat, String startup, JsonNode columns, Watermark watermark, List<String> primaryKey,
        Map<String, String> options, String comment) {
    public TableSpec {
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
        options = options == null ? Map.of() : new java.util.TreeMap<>(options);
    }

    /** Event time: the column and how many seconds late events may arrive. */
    @JsonPropertyOrder({"column", "delaySeconds"})
    public record Watermark(String column, Integer delaySeconds) {}

    /** A column of the list form. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "type", "expression"})
    public record Column(String name, String type, String expression) {}

    public boolean infersColumns() {
        return columns == null || columns.isNull() || columns.isMissingNode()
                || (columns.isTextual() && "infer".equalsIgnoreCase(columns.asText()));
    }
}
