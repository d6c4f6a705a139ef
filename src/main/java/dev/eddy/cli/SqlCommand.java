package dev.eddy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code eddy sql "SELECT …"}: runs a statement in the caller's session and prints its rows as a
 * table, CSV or JSON for shell pipelines. A streaming query is read until {@code --max-rows} or
 * {@code --timeout}, then stopped.
 */
@Command(name = "sql", description = "Run a statement and print its rows (table, csv or json).")
final class SqlCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    @ParentCommand
    EddyCli eddy;
    @Parameters(index = "0", description = "The statement")
    String statement;
    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: table)")
    String format;
    @Option(names = "--max-rows", defaultValue = "100", description = "Stop after this many rows (default: 100)")
    int maxRows;
    @Option(names = "--timeout", defaultValue = "30", description = "Stop after this many seconds (default: 30)")
    int timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        if (!List.of("table", "csv", "json").contains(format)) {
            throw new CliException("--format is table, csv or json, not " + format);
        }
        ApiClient api = eddy.config.client();
        JsonNode run = api.post("/api/v1/statements", Map.of("statement", statement));
        long id = run.path("id").asLong();
        List<JsonNode> changes = new ArrayList<>();
        long next = 0;
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        boolean stopped = false;
        while (true) {
            run = api.get("/api/v1/statements/" + id + "?from=" + next + "&max=500");
            run.path("changes").forEach(changes::add);
            next = run.path("next").asLong(next);
            String state = run.path("state").asText();
            if (!"RUNNING".equals(state)) {
                break;
            }
            if (changes.size() >= maxRows || System.nanoTime() > deadline) {
                api.delete("/api/v1/statements/" + id);
                stopped = true;
                break;
            }
            Thread.sleep(200);
        }
        if (run.hasNonNull("error")) {
            JsonNode error = run.path("error");
            String where = error.hasNonNull("line") ? " (line " + error.path("line").asInt() + ", column "
                    + error.path("column").asInt() + ")" : "";
            eddy.err.println("Error" + where + ": " + error.path("detail").asText());
            if (error.hasNonNull("hint")) {
                eddy.err.println(error.path("hint").asText());
            }
            return 1;
        }
        List<String> columns = new ArrayList<>();
        run.path("columns").forEach(c -> columns.add(c.path("name").asText()));
        // Only updates and deletes need their kind printed: an insert-only stream reads as plain rows.
        boolean changelog = changes.stream().anyMatch(c -> !"+I".equals(c.path("kind").asText()));
        print(columns, changes.subList(0, Math.min(changes.size(), maxRows)), changelog);
        if (stopped) {
            eddy.err.println("(stopped after " + Math.min(changes.size(), maxRows) + " rows; raise --max-rows or "
                    + "--timeout for more)");
        }
        return 0;
    }

    private void print(List<String> columns, List<JsonNode> changes, boolean changelog) {
        List<String> header = new ArrayList<>(columns);
        if (changelog) {
            header.add(0, "op");
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode change : changes) {
            List<String> row = new ArrayList<>();
            if (changelog) {
                row.add(change.path("kind").asText());
            }
            change.path("row").forEach(v -> row.add(v.isNull() ? "" : v.isTextual() ? v.asText() : v.toString()));
            rows.add(row);
        }
        switch (format) {
            case "csv" -> {
                eddy.out.println(String.join(",", header.stream().map(SqlCommand::csv).toList()));
                rows.forEach(r -> eddy.out.println(String.join(",", r.stream().map(SqlCommand::csv).toList())));
            }
            case "json" -> {
                ArrayNode array = JSON.createArrayNode();
                for (JsonNode change : changes) {
                    ObjectNode o = array.addObject();
                    if (changelog) {
                        o.put("op", change.path("kind").asText());
                    }
                    for (int i = 0; i < columns.size(); i++) {
                        o.set(columns.get(i), change.path("row").path(i));
                    }
                }
                eddy.out.println(array.toPrettyString());
            }
            default -> table(header, rows);
        }
    }

    private void table(List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            width[i] = header.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], i < r.size() ? r.get(i).length() : 0);
            }
        }
        eddy.out.println(line(header, width));
        StringBuilder rule = new StringBuilder();
        for (int w : width) {
            rule.append(rule.isEmpty() ? "" : "-+-").append("-".repeat(w));
        }
        eddy.out.println(rule);
        rows.forEach(r -> eddy.out.println(line(r, width)));
        eddy.out.println("(" + rows.size() + " row" + (rows.size() == 1 ? "" : "s") + ")");
    }

    private static String line(List<String> cells, int[] width) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            String cell = i < cells.size() ? cells.get(i) : "";
            out.append(i == 0 ? "" : " | ").append(cell).append(" ".repeat(width[i] - cell.length()));
        }
        return out.toString().stripTrailing();
    }

    private static String csv(String cell) {
        return cell.contains(",") || cell.contains("\"") || cell.contains("\n")
                ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
