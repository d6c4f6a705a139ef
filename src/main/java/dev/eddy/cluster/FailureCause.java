package dev.eddy.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Java stack trace from Flink turned into words: the root cause first, then what it interrupted,
 * without frames, class packages or the wrapping exceptions that only repeat their cause.
 */
public record FailureCause(String root, List<String> context) {
    private static final Pattern HEADER = Pattern.compile("^(?:Caused by: )?([\\w$.]+(?:Exception|Error|Throwable|Failure)[\\w$]*)(?::\\s*(.*))?$");

    /** Reads the "exception: message" lines of a stack trace (frames and "... N more" skipped). */
    public static FailureCause of(String stackTrace) {
        List<String[]> causes = headers(stackTrace);
        if (causes.isEmpty()) {
            String text = stackTrace == null || stackTrace.isBlank() ? "Flink gave no reason" : stackTrace.strip();
            return new FailureCause(text.lines().findFirst().orElse(text), List.of());
        }
        return fromHeaders(causes);
    }

    /**
     * Every "exception: message" of a trace, the root cause first, one line each: what a "details"
     * view shows before the full trace, whose first fifty lines are often only the gateway's plumbing.
     */
    public static List<String> chain(String stackTrace) {
        List<String> chain = new ArrayList<>();
        List<String[]> causes = headers(stackTrace);
        for (int i = causes.size() - 1; i >= 0; i--) {
            String line = causes.get(i)[1].isEmpty() ? causes.get(i)[0] : causes.get(i)[0] + ": " + causes.get(i)[1];
            if (!chain.contains(line)) {
                chain.add(line);
            }
        }
        return chain;
    }

    private static List<String[]> headers(String stackTrace) {
        List<String[]> causes = new ArrayList<>();
        if (stackTrace != null) {
            String[] lines = stackTrace.split("\\R");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                Matcher m = HEADER.matcher(line);
                if (line.isEmpty() || line.startsWith("at ") || line.startsWith("...") || !m.matches()) {
                    continue;
                }
                StringBuilder message = new StringBuilder(m.group(2) == null ? "" : m.group(2).strip());
                // Messages can span lines (PostgreSQL's "Position: 13", SQL text); keep them until the first frame.
                while (i + 1 < lines.length && !lines[i + 1].strip().startsWith("at ")
                        && !lines[i + 1].strip().startsWith("Caused by:") && !lines[i + 1].isBlank()
                        && !lines[i + 1].strip().startsWith("...")) {
                    message.append(' ').append(lines[++i].strip());
                }
                causes.add(new String[] {simpleName(m.group(1)), message.toString()});
            }
        }
        return causes;
    }

    private static FailureCause fromHeaders(List<String[]> causes) {
        String[] root = causes.get(causes.size() - 1);
        String rootText = root[1].isEmpty() ? root[0] : root[1] + " (" + root[0] + ")";
        List<String> context = new ArrayList<>();
        for (int i = causes.size() - 2; i >= 0; i--) {
            String message = causes.get(i)[1];
            // Wrappers often repeat the cause as "pkg.Exception: message": say each thing once.
            if (!message.isEmpty() && !message.contains(root[1].isEmpty() ? "\u0000" : root[1])
                    && !context.contains(message) && !message.matches("[\\w$.]+(Exception|Error)(: .*)?")
                    && !isPlumbing(message)) {
                context.add(shorten(message));
            }
        }
        return new FailureCause(rootText, List.copyOf(context));
    }

    /**
     * Whether a trace only tells the consequence of another failure (a task cancelled because its
     * job failed, a TaskManager shutting down), so the cause is to be read elsewhere.
     */
    public static boolean isConsequence(String stackTrace) {
        return stackTrace == null || stackTrace.contains("FlinkExpectedException")
                || stackTrace.contains("CancelTaskException") || stackTrace.contains("TaskExecutor is shutting down");
    }

    /**
     * Messages of Flink's plumbing that only say a record was being passed on: Flink runs chained
     * operators inside the source's deserializer, so a division by zero in a SELECT reaches the user
     * wrapped in "Failed to deserialize JSON" although the JSON was fine.
     */
    private static boolean isPlumbing(String message) {
        return message.startsWith("Could not forward element to next operator")
                || message.startsWith("Failed to deserialize consumer record")
                || message.startsWith("Failed to deserialize JSON '");
    }

    /** A context line stays a line: long messages (a whole record, SQL) are cut. */
    private static String shorten(String message) {
        return message.length() <= 160 ? message : message.substring(0, 159) + "…";
    }

    /** The cause in one line: root cause first, then what it broke. */
    public static String summarize(String stackTrace) {
        return of(stackTrace).text();
    }

    public String text() {
        return context.isEmpty() ? root : root + " — while: " + String.join(" ← ", context);
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
