package dev.eddy.query;

import dev.eddy.gateway.ResultRow.RowKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A changelog applied: the rows a query's result holds right now. Rows keep their place when
 * updated (a -U followed by its +U fills the same slot), so a table view does not jump around.
 * Keyed results match changes by key columns; others by the whole row value (a multiset). Beyond
 * {@code cap} rows, or beyond {@code maxBytes} of rows (estimated), the oldest are dropped and
 * counted; the latest row is always kept. Not thread-safe: {@link ResultStream} guards it.
 */
final class MaterializedTable {
    private final int[] keyColumns;
    private final int cap;
    private final long maxBytes;
    private long bytes;
    private boolean bytesCapped;
    private final LinkedHashMap<Long, List<Object>> slots = new LinkedHashMap<>();
    private final Map<List<Object>, ArrayDeque<Long>> slotsByMatch = new HashMap<>();
    private long nextSlot;
    private final ArrayDeque<Long> pendingUpdates = new ArrayDeque<>();
    private long droppedRows;
    private long unmatchedRetractions;

    /** A table matching rows by value; {@code keyColumns} empty means by the whole row. */
    MaterializedTable(int cap, int... keyColumns) {
        this(cap, Long.MAX_VALUE, keyColumns);
    }

    MaterializedTable(int cap, long maxBytes, int... keyColumns) {
        this.cap = cap;
        this.maxBytes = maxBytes;
        this.keyColumns = keyColumns;
    }

    void apply(RowKind kind, List<Object> row) {
        if (kind == RowKind.INSERT || kind == RowKind.DELETE) {
            closePendingUpdates();
        }
        switch (kind) {
            case INSERT -> upsertOrAppend(row, null);
            case UPDATE_AFTER -> upsertOrAppend(row, pendingUpdates.pollFirst());
            case UPDATE_BEFORE -> {
                if (isKeyed()) {
                    // By key, the +U replaces the row: keep it showing until then.
                    if (!slotsByMatch.containsKey(match(row))) {
                        unmatchedRetractions++;
                    }
                    return;
                }
                Long slot = takeSlot(row);
                if (slot == null) {
                    unmatchedRetractions++;
                } else {
                    pendingUpdates.addLast(slot);
                }
            }
            case DELETE -> {
                Long slot = takeSlot(row);
                if (slot == null) {
                    unmatchedRetractions++;
                } else {
                    remove(slot);
                }
            }
        }
    }

    private void upsertOrAppend(List<Object> row, Long reuse) {
        if (isKeyed()) {
            ArrayDeque<Long> existing = slotsByMatch.get(match(row));
            if (existing != null && !existing.isEmpty()) {
                put(existing.peekFirst(), row);
                evictBeyondCap();
                return;
            }
        }
        long slot = reuse != null ? reuse : nextSlot++;
        put(slot, row);
        slotsByMatch.computeIfAbsent(match(row), k -> new ArrayDeque<>()).addLast(slot);
        evictBeyondCap();
    }

    private Long takeSlot(List<Object> row) {
        List<Object> m = match(row);
        ArrayDeque<Long> candidates = slotsByMatch.get(m);
        if (candidates == null || candidates.isEmpty()) {
            return null;
        }
        Long slot = candidates.pollFirst();
        if (candidates.isEmpty()) {
            slotsByMatch.remove(m);
        }
        return slot;
    }

    /** -U changes whose +U never came (an insert or delete came first): those rows are gone. */
    private void closePendingUpdates() {
        for (Long slot : pendingUpdates) {
            remove(slot);
        }
        pendingUpdates.clear();
    }

    private void put(long slot, List<Object> row) {
        List<Object> old = slots.put(slot, row);
        bytes += RowSize.of(row) - (old == null ? 0 : RowSize.of(old));
    }

    private void remove(Long slot) {
        List<Object> old = slots.remove(slot);
        if (old != null) {
            bytes -= RowSize.of(old);
        }
    }

    private void evictBeyondCap() {
        while (slots.size() > cap || slots.size() > 1 && bytes > maxBytes) {
            Iterator<Map.Entry<Long, List<Object>>> oldest = slots.entrySet().iterator();
            Map.Entry<Long, List<Object>> e = oldest.next();
            oldest.remove();
            bytes -= RowSize.of(e.getValue());
            bytesCapped |= slots.size() < cap;
            ArrayDeque<Long> same = slotsByMatch.get(match(e.getValue()));
            if (same != null) {
                same.remove(e.getKey());
                if (same.isEmpty()) {
                    slotsByMatch.remove(match(e.getValue()));
                }
            }
            droppedRows++;
        }
    }

    private boolean isKeyed() {
        return keyColumns.length > 0;
    }

    private List<Object> match(List<Object> row) {
        if (!isKeyed()) {
            return row;
        }
        List<Object> key = new ArrayList<>(keyColumns.length);
        for (int k : keyColumns) {
            key.add(row.get(k));
        }
        return key;
    }

    /** The rows now, in their order of first arrival; a row waiting for its +U still shows its old value. */
    List<List<Object>> rows() {
        return new ArrayList<>(slots.values());
    }

    int size() {
        return slots.size();
    }

    /** True once a row was dropped for bytes, not for the count. */
    boolean bytesCapped() {
        return bytesCapped;
    }

    /** The heap the rows take, estimated. */
    long bytes() {
        return bytes;
    }

    long droppedRows() {
        return droppedRows;
    }

    /** Retractions (-U, -D) of rows the table did not hold: dropped earlier, or never seen. */
    long unmatchedRetractions() {
        return unmatchedRetractions;
    }
}
