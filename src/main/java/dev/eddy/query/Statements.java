package dev.eddy.query;

/** Small text rules for a statement typed in the console. */
final class Statements {
    private Statements() {}

    /** Drops the trailing semicolons and blanks the gateway does not accept. */
    static String normalize(String statement) {
        String s = statement == null ? "" : statement.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        return s;
    }
}
