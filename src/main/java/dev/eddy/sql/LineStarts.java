package dev.eddy.sql;

import java.util.Arrays;

/** Converts between character offsets and the 1-based line/column positions Flink's parser reports. */
final class LineStarts {
    private final String text;
    private final int[] starts;

    LineStarts(String text) {
        this.text = text;
        int[] found = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // JavaCC ends a line at \n, at \r, and at \r\n counted once.
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                if (count == found.length) {
                    found = Arrays.copyOf(found, count * 2);
                }
                found[count++] = i + 1;
            }
        }
        starts = Arrays.copyOf(found, count);
    }

    /** The offset of a line/column where every character, a tab too, is one column (as Flink counts). */
    int offset(int line, int column) {
        int l = Math.max(1, Math.min(line, starts.length));
        return Math.min(text.length(), starts[l - 1] + Math.max(0, column - 1));
    }

    /** The 1-based line holding an offset. */
    int lineOf(int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }
}
