package dev.eddy.ui.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import dev.eddy.gateway.ResultColumn;
import java.util.List;

/** A row's values in full, one per line: what a clipped cell or a nested value hides. */
final class RowDetails {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RowDetails() {}

    static Div of(List<ResultColumn> columns, List<Object> row) {
        Div details = new Div();
        details.addClassName("eddy-row-details");
        for (int i = 0; i < columns.size() && i < row.size(); i++) {
            Span name = new Span(columns.get(i).name());
            name.addClassName("eddy-row-details-name");
            details.add(new Div(name, new Pre(full(row.get(i)))));
        }
        return details;
    }

    static String full(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof JsonNode node) {
            try {
                return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
            } catch (JsonProcessingException e) {
                return node.toString();
            }
        }
        return value.toString();
    }
}
