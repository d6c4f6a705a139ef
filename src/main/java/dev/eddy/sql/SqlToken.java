package dev.eddy.sql;

/**
 * One token of Flink SQL as Flink's own lexer sees it, with its place in the text as character
 * offsets ({@code end} exclusive).
 */
public record SqlToken(int kind, String image, int start, int end) {

    /** Whether this token is the given Flink parser token kind ({@code FlinkSqlParserImplConstants}). */
    public boolean is(int tokenKind) {
        return kind == tokenKind;
    }

    /** The token's text without its quotes when it is a quoted identifier or string. */
    public String unquoted() {
        if (image.length() >= 2 && (image.startsWith("`") && image.endsWith("`")
                || image.startsWith("'") && image.endsWith("'"))) {
            char q = image.charAt(0);
            return image.substring(1, image.length() - 1).replace(String.valueOf(q) + q, String.valueOf(q));
        }
        return image;
    }
}
