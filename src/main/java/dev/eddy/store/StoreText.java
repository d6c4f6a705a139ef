package dev.eddy.store;

/** Text as PostgreSQL can keep it: a NUL character (which it refuses in text and JSON) becomes U+FFFD. */
public final class StoreText {
    /** Shown where a NUL character was, so the kept text still says something was there. */
    public static final char REPLACEMENT = '\uFFFD';

    private StoreText() {}

    public static String of(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', REPLACEMENT);
    }
}
