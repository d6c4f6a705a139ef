package dev.eddy.job;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statement a job runs: an {@code INSERT INTO …} or an {@code EXECUTE STATEMENT SET BEGIN … END}
 * (several sinks in one job), and how to ask Flink to explain it.
 */
public record JobStatement(String text) {
    private static final Pattern SINK = Pattern.compile("LogicalSink\\(table=\\[([^\\]]+)\\]");
    private static final Pattern SCAN = Pattern.compile("TableScan\\(table=\\[\\[([^\\]]+)\\]\\]");

    /** Reads the statement (a trailing semicolon is dropped) or says why it cannot be a job. */
    public static JobStatement of(String sql) {
        String text = sql == null ? "" : sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).stripTrailing();
        }
        String head = text.replaceAll("(?s)^(\\s*(--[^\\n]*\\n|/\\*.*?\\*/))*\\s*", "").toUpperCase(Locale.ROOT);
        if (text.isEmpty()) {
            throw new JobException("A job needs a statement: write an INSERT INTO … SELECT … in the editor first.");
        }
        if (!head.startsWith("INSERT") && !head.matches("(?s)^EXECUTE\\s+STATEMENT\\s+SET.*")) {
            throw new JobException("A job runs an INSERT INTO … statement, or EXECUTE STATEMENT SET BEGIN … END for "
                    + "several sinks; this statement starts with " + head.split("\\s+")[0]
                    + ". A SELECT shows rows in the editor instead.");
        }
        return new JobStatement(text);
    }

    /** The EXPLAIN form Flink accepts (a statement set is explained without EXECUTE). */
    public String explain() {
        String body = text.replaceFirst("(?is)^(\\s*(--[^\\n]*\\n|/\\*.*?\\*/))*\\s*EXECUTE\\s+(STATEMENT\\s+SET)", "$3");
        return "EXPLAIN " + body;
    }

    /** The tables a plan writes, as catalog.database.table, from its abstract syntax tree. */
    static List<String> writes(String plan) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = SINK.matcher(abstractSyntaxTree(plan));
        while (m.find()) {
            names.add(m.group(1).strip());
        }
        return new ArrayList<>(names);
    }

    /** The tables a plan reads, as catalog.database.table. */
    static List<String> reads(String plan) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = SCAN.matcher(abstractSyntaxTree(plan));
        while (m.find()) {
            names.add(String.join(".", m.group(1).split(",\\s*")));
        }
        return new ArrayList<>(names);
    }

    private static String abstractSyntaxTree(String plan) {
        int optimized = plan.indexOf("== Optimized");
        return optimized < 0 ? plan : plan.substring(0, optimized);
    }
}
