package dev.eddy.security;

import java.util.regex.Pattern;

/** Hides secret values in SQL text before it is kept or shown: {@code 'password' = '…'} becomes {@code '***'}. */
public final class Redaction {
    public static final String HIDDEN = "***";
    /** An option whose key names a secret, with its single-quoted value ('' escapes a quote). */
    private static final Pattern SECRET_OPTION = Pattern.compile(
            "('[^']*(?:password|secret|token|jaas\\.config|user-info|credential|private[.-]key|access[.-]key)[^']*'"
                    + "\\s*=\\s*)'(?:[^']|'')*'",
            Pattern.CASE_INSENSITIVE);

    private Redaction() {}

    public static String sql(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return SECRET_OPTION.matcher(text).replaceAll("$1'" + HIDDEN + "'");
    }
}
