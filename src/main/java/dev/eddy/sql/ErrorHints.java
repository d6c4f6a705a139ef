package dev.eddy.sql;

import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.UserFunctions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds what Eddy knows to an error Flink reported for a statement: for a name Flink could not find,
 * the similar names of the session's catalog ("did you mean …").
 */
public final class ErrorHints {
    private static final Pattern NOT_FOUND = Pattern.compile("Object '([^']+)' not found");
    private static final Pattern UNKNOWN_COLUMN = Pattern.compile("Column '([^']+)' not found in (?:any table|table '([^']+)')");
    private static final Pattern RESERVED = Pattern.compile("^Unexpected (\\w+)\\b.*is a reserved word");
    private static final Pattern UNKNOWN_FUNCTION = Pattern.compile("No match found for function signature ([\\w$]+)\\(");

    private static final Pattern FUNCTION_CALL = Pattern.compile(
            "(?:Invalid function call:\\s*|No match found for function signature )([\\w$.`]+)\\(");

    private ErrorHints() {}

    /** The error with a "did you mean" hint when the session knows a similar name; else the error as given. */
    public static GatewayException enrich(GatewayException error, SessionObjects session) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        Optional<GatewayException> fromUserFunction = userFunction(error, message, session);
        if (fromUserFunction.isPresent()) {
            return fromUserFunction.get();
        }
        Matcher table = NOT_FOUND.matcher(message);
        if (table.find()) {
            List<String> names = new ArrayList<>();
            session.tables().stream().filter(t -> t.inCurrent(session)).forEach(t -> names.add(t.name()));
            session.tables().stream().filter(t -> !t.inCurrent(session))
                    .forEach(t -> names.add(t.catalog() + "." + t.database() + "." + t.name()));
            return withHint(error, table.group(1), names);
        }
        Matcher column = UNKNOWN_COLUMN.matcher(message);
        if (column.find()) {
            List<String> names = new ArrayList<>();
            session.tables().stream()
                    .filter(t -> column.group(2) == null || t.name().equalsIgnoreCase(column.group(2)))
                    .forEach(t -> t.columns().forEach(c -> names.add(c.name())));
            if (names.isEmpty()) {
                // "in table 'c'" names an alias (FROM customers c): any table's columns may be meant.
                session.tables().forEach(t -> t.columns().forEach(c -> names.add(c.name())));
            }
            return withHint(error, column.group(1), names);
        }
        Matcher function = UNKNOWN_FUNCTION.matcher(message);
        if (function.find()) {
            List<String> names = new ArrayList<>(FlinkVocabulary.get().functions().keySet());
            names.addAll(session.functions());
            return withHint(error, function.group(1), names);
        }
        return error;
    }

    /**
     * An error of a function of Eddy's catalog, naming it with its class and library version: a call
     * that fits none of its signatures gets them as the hint; an exception thrown inside it (its class
     * in the stack trace) says which function failed.
     */
    private static Optional<GatewayException> userFunction(GatewayException error, String message, SessionObjects session) {
        Matcher call = FUNCTION_CALL.matcher(message);
        if (call.find()) {
            String called = call.group(1).replace("`", "");
            Optional<UserFunctions.Described> f = session.describedFunction(called.substring(called.lastIndexOf('.') + 1));
            if (f.isPresent()) {
                String hint = f.get().name() + " takes " + (f.get().signatures().isEmpty() ? "other arguments"
                        : String.join(" or ", f.get().signatures())) + ": " + f.get().className() + " from "
                        + f.get().source() + ".";
                return Optional.of(new GatewayException(error.kind(), message, error.rootCause(), error.detail(),
                        error.line().orElse(null), error.column().orElse(null), hint));
            }
        }
        String trace = (error.detail() == null ? "" : error.detail()) + "\n" + (error.rootCause() == null ? "" : error.rootCause());
        return UserFunctions.thrownIn(session.described(), trace).map(f -> new GatewayException(error.kind(),
                "The function " + f.naming() + " failed: " + message, error.rootCause(), error.detail(),
                error.line().orElse(null), error.column().orElse(null), error.hint().orElse("Fix the function and "
                        + "upload a new version of its library, or keep the rows it fails on out of the call.")));
    }

    /**
     * For a syntax error on a reserved word where a name goes ({@code FROM order}): the session's
     * tables with a close name, as a hint; empty when there is none.
     */
    public static java.util.Optional<String> reservedWordHint(String syntaxMessage, SessionObjects session) {
        Matcher m = RESERVED.matcher(syntaxMessage == null ? "" : syntaxMessage);
        if (!m.find()) {
            return java.util.Optional.empty();
        }
        List<String> similar = similar(m.group(1), session.tables().stream().filter(t -> t.inCurrent(session))
                .map(SessionObjects.Table::name).toList());
        return similar.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of("Did you mean "
                + String.join(" or ", similar.stream().map(n -> "`" + n + "`").toList()) + "?");
    }

    private static GatewayException withHint(GatewayException error, String missing, List<String> known) {
        List<String> similar = similar(missing, known);
        if (similar.isEmpty()) {
            return error;
        }
        String hint = "Did you mean " + String.join(" or ", similar.stream().map(s -> "`" + s + "`").toList()) + "?";
        return new GatewayException(error.kind(), error.getMessage(), error.rootCause(), error.detail(),
                error.line().orElse(null), error.column().orElse(null), hint);
    }

    /** Up to three names close to the missing one: same letters in another case, a small edit, or one inside the other. */
    static List<String> similar(String missing, List<String> known) {
        String m = missing.toLowerCase(Locale.ROOT);
        record Scored(String name, int distance) {}
        List<Scored> scored = new ArrayList<>();
        for (String name : known) {
            String n = name.toLowerCase(Locale.ROOT);
            String last = n.substring(n.lastIndexOf('.') + 1);
            int d = Math.min(distance(m, n), distance(m, last));
            int allowed = Math.max(1, Math.min(3, m.length() / 3));
            if (d <= allowed || m.length() >= 4 && (last.contains(m) || m.contains(last) && last.length() >= 4)) {
                scored.add(new Scored(name, d));
            }
        }
        return scored.stream().sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .map(Scored::name).distinct().limit(3).toList();
    }

    /** Levenshtein distance, with a swap of two neighbouring letters counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
