package dev.eddy.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.gateway.ResultColumn;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes a result's rows as CSV (RFC 4180, header row) or as a JSON array of objects. */
public final class ResultExport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultExport() {}

    public static void csv(List<ResultColumn> columns, List<List<Object>> rows, Writer out) throws IOException {
        out.write(String.join(",", columns.stream().map(c -> quote(c.name())).toList()));
        out.write("\r\n");
        for (List<Object> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                Object v = row.get(i);
                // NULL stays an empty field; an empty string is quoted, so the two stay distinct.
                if (v != null) {
                    out.write(quote(v.toString()));
                }
            }
            out.write("\r\n");
        }
        out.flush();
    }

    public static void json(List<ResultColumn> columns, List<List<Object>> rows, Writer out) throws IOException {
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            // The caller owns the writer (an HTTP response): flush, do not close it.
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartArray();
            for (List<Object> row : rows) {
                g.writeStartObject();
                for (int i = 0; i < columns.size(); i++) {
                    g.writeFieldName(columns.get(i).name());
                    JSON.writeValue(g, i < row.size() ? row.get(i) : null);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    private static String quote(String s) {
        if (s.isEmpty() || s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
