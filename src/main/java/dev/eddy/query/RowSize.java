package dev.eddy.query;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The heap a result row takes, estimated from its values: what bounds a result by bytes as well as
 * by rows, so a query of wide rows (a JSON document each) cannot fill the heap within its row cap.
 */
final class RowSize {
    private static final int REFERENCE = 8;
    private static final int OBJECT = 16;

    private RowSize() {}

    static long of(List<Object> row) {
        long size = OBJECT + 24L + (long) REFERENCE * row.size();
        for (Object value : row) {
            size += value(value);
        }
        return size;
    }

    private static long value(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof CharSequence s) {
            // A String and its byte array; a character beyond Latin-1 takes two bytes.
            return 40L + s.length() * (s.chars().allMatch(c -> c < 256) ? 1L : 2L);
        }
        if (v instanceof byte[] b) {
            return OBJECT + b.length;
        }
        if (v instanceof java.math.BigDecimal || v instanceof java.math.BigInteger) {
            return 64;
        }
        if (v instanceof Number || v instanceof Boolean || v instanceof Character) {
            return 24;
        }
        if (v instanceof Collection<?> c) {
            long size = OBJECT + 24L;
            for (Object e : c) {
                size += REFERENCE + value(e);
            }
            return size;
        }
        if (v instanceof Map<?, ?> m) {
            long size = OBJECT + 48L;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                size += 32 + value(e.getKey()) + value(e.getValue());
            }
            return size;
        }
        return 48; // a date, a time: a few fields
    }
}
