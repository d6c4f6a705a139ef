package dev.eddy.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the SQL Gateway answers on failure, an HTTP error whose body holds a Java stack trace,
 * into a {@link GatewayException} a person can act on: the one place this translation happens.
 */
public final class GatewayErrors {
    private static final Pattern ENCOUNTERED = Pattern.compile("^Encountered \"(.*?)\" at line \\d+, column \\d+");
    private static final Pattern MISSING_FACTORY = Pattern.compile(
            "Could not find any factory for identifier '([^']*)' that implements '[\\w.$]*?(\\w+)'");
    private static final Pattern FIRST_LINE = Pattern.compile("^([\\w.$]+(?:Exception|Error))(?:: (.*))?$");
    private static final Pattern POSITION = Pattern.compile("(?:at )?line (\\d+), column (\\d+)");
    private static final Pattern FROM_POSITION = Pattern.compile("^From line \\d+, column \\d+ to line \\d+, column \\d+: ");
    private static final Pattern SESSION_MISSING = Pattern.compile("Session '?[\\w-]+'? does not exist");
    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayErrors() {}

    /** Translates an HTTP error answer of the gateway. */
    public static GatewayException fromResponse(int status, String body) {
        List<String> errors = errorTexts(body);
        String detail = String.join("\n", errors);
        if (detail.isBlank()) {
            return new GatewayException(GatewayException.Kind.PROTOCOL,
                    "The SQL Gateway answered HTTP " + status + " with no explanation", null, body, null, null,
                    "Check the gateway's log.");
        }
        if (SESSION_MISSING.matcher(detail).find()) {
            return new GatewayException(GatewayException.Kind.SESSION_NOT_FOUND,
                    "The SQL Gateway no longer knows this session (it expired or the gateway restarted)", null,
                    detail, null, null, "Run the statement again: Eddy opens a new session.");
        }
        String root = deepestCause(detail);
        Readable readable = readable(root, detail);
        Matcher position = POSITION.matcher(root == null ? detail : root + "\n" + detail);
        Integer line = null;
        Integer column = null;
        if (position.find()) {
            line = Integer.valueOf(position.group(1));
            column = Integer.valueOf(position.group(2));
        }
        String hint = readable.hint() != null ? readable.hint() : hintFor(root == null ? detail : root);
        return new GatewayException(GatewayException.Kind.SQL, readable.message(), root, detail, line, column, hint);
    }

    /** Translates a failure to talk to the gateway at all. */
    public static GatewayException fromIo(String gatewayUrl, IOException e, Duration timeout) {
        if (e instanceof HttpTimeoutException) {
            return new GatewayException(GatewayException.Kind.TIMEOUT,
                    "The Flink SQL Gateway at " + gatewayUrl + " did not answer within " + timeout.toSeconds() + " s",
                    e.toString(), e.toString(), null, null,
                    "Check that the gateway and its cluster are healthy, or raise eddy.gateway.request-timeout.");
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return new GatewayException(GatewayException.Kind.UNREACHABLE,
                    "Cannot reach the Flink SQL Gateway at " + gatewayUrl + " (connection refused)", e.toString(),
                    e.toString(), null, null,
                    "Check that the gateway runs and that eddy.flink.gateway-url points at it.");
        }
        return new GatewayException(GatewayException.Kind.UNREACHABLE,
                "Cannot talk to the Flink SQL Gateway at " + gatewayUrl + ": " + e.getMessage(), e.toString(),
                e.toString(), null, null, "Check the address and the network between Eddy and the gateway.");
    }

    private static List<String> errorTexts(String body) {
        List<String> texts = new ArrayList<>();
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            for (JsonNode e : errors) {
                String text = e.asText();
                if (!text.isBlank() && !"Internal server error.".equals(text.strip())) {
                    texts.add(text);
                }
            }
        } catch (IOException | RuntimeException e) {
            texts.add(body == null ? "" : body);
        }
        return texts;
    }

    /**
     * The innermost "Caused by" with its continuation lines, else the first exception line: where
     * Flink says what is wrong.
     */
    static String deepestCause(String trace) {
        String[] lines = trace.split("\n");
        int from = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("Caused by: ")) {
                from = i;
            }
        }
        if (from < 0) {
            for (int i = 0; i < lines.length; i++) {
                if (FIRST_LINE.matcher(lines[i].strip()).matches()) {
                    return lines[i].strip();
                }
            }
            return null;
        }
        StringBuilder cause = new StringBuilder(lines[from].substring("Caused by: ".length()));
        for (int i = from + 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("\tat ") || line.startsWith("\t...") || line.startsWith("End of exception")) {
                break;
            }
            if (!line.isBlank()) {
                cause.append('\n').append(line.strip());
            }
        }
        return cause.toString();
    }

    /** What went wrong in one sentence, then any further lines Flink gave. */
    private record Readable(String message, String hint) {}

    private static Readable readable(String root, String detail) {
        if (root != null && (root.startsWith("java.lang.ClassNotFoundException") || root.startsWith("java.lang.NoClassDefFoundError"))) {
            String missing = firstLine(stripClassName(root)).replace('/', '.');
            return new Readable("Flink could not load class " + missing,
                    "A connector, format or function jar is missing from the Flink cluster's class path.");
        }
        String text = root == null ? firstLine(detail) : stripClassName(root);
        String[] lines = text.split("\n");
        String first = FROM_POSITION.matcher(lines[0]).replaceFirst("").replaceFirst("^SQL (parse|validation) failed\\. ", "");
        String rest = String.join(" ", java.util.Arrays.copyOfRange(lines, 1, lines.length)).strip();
        Matcher parse = ENCOUNTERED.matcher(first);
        if (parse.find()) {
            return "<EOF>".equals(parse.group(1))
                    ? new Readable("The statement ends where Flink expected more", "Complete the statement.")
                    : new Readable("Unexpected \"" + parse.group(1) + "\"", "Check the SQL syntax just before it.");
        }
        if (first.startsWith("Non-query expression encountered in illegal context")) {
            return new Readable("Flink could not read this statement",
                    "Check its first keyword: a statement starts with SELECT, INSERT INTO, CREATE, SET, SHOW, EXPLAIN and the like.");
        }
        Matcher factory = MISSING_FACTORY.matcher(first);
        if (factory.find()) {
            String what = factory.group(2).contains("Format") ? "format" : "connector";
            String available = rest.replaceFirst("^Available factory identifiers are:\\s*", "").replace(' ', ',')
                    .replace(",", ", ");
            return new Readable("No " + what + " named '" + factory.group(1) + "' in this Flink cluster",
                    available.isBlank() ? null : "Available: " + available + ".");
        }
        first = first.strip();
        if (first.endsWith(".")) {
            first = first.substring(0, first.length() - 1);
        }
        if (first.isEmpty()) {
            first = "The SQL Gateway reported an error without a message";
        }
        return new Readable(first, rest.isEmpty() ? null : rest);
    }

    private static String stripClassName(String cause) {
        int nl = cause.indexOf('\n');
        String head = nl < 0 ? cause : cause.substring(0, nl);
        String tail = nl < 0 ? "" : cause.substring(nl);
        Matcher m = FIRST_LINE.matcher(head);
        if (m.matches()) {
            return (m.group(2) == null ? simpleName(m.group(1)) : m.group(2)) + tail;
        }
        return cause;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static String hintFor(String cause) {
        if (cause.contains("Encountered") || cause.contains("SqlParseException")) {
            return "Check the SQL syntax near that position.";
        }
        if (cause.contains("Object '") && cause.contains("not found")) {
            return "Check the name; SHOW TABLES lists the tables of the current database.";
        }
        if (cause.contains("requires the timecol is a time attribute type")
                || cause.contains("can only be defined over a time attribute column")
                || cause.contains("can only be defined on a time attribute column")) {
            return "The time column has no watermark, so it is not an event-time attribute: declare one in the "
                    + "table (WATERMARK FOR ts AS ts - INTERVAL '5' SECOND), or use a processing-time column "
                    + "(proc AS PROCTIME()).";
        }
        if (cause.contains("Could not find any factory for identifier")) {
            return "The connector or format named in the WITH clause is not available in this Flink cluster.";
        }
        if (cause.contains("TimeoutException") && cause.toLowerCase().contains("kafka")
                || cause.contains("Timed out waiting for a node assignment")) {
            return "Kafka did not answer: check 'properties.bootstrap.servers' and that the brokers run.";
        }
        if (cause.contains("Unknown identifier '*'")) {
            return "A '*' stands only in SELECT * or in COUNT(*): check the function name just before it.";
        }
        if (cause.contains("Unknown identifier '")) {
            return "Check the spelling: it is neither a column of the tables in FROM nor a known function.";
        }
        if (cause.contains("Table '") && cause.contains("' not found")) {
            return "The name before the dot is neither a table nor an alias in this query's FROM: check it.";
        }
        if (cause.contains("Temporary table '") && cause.contains("already exists")) {
            return "This session has it already: use it, drop it first (DROP TEMPORARY TABLE name), or add "
                    + "IF NOT EXISTS to the CREATE.";
        }
        if (cause.contains("Incompatible types") && !cause.contains("for sink column")) {
            return "The values on either side at that position have types that do not go together: CAST one of them.";
        }
        if (cause.contains("Connection to") && cause.contains("refused")) {
            return "A service named in the table's options refused the connection: check its address.";
        }
        return null;
    }
}
