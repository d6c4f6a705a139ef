package dev.eddy.api.v1;

import java.util.List;

/** One page of a list that can grow: the items, where they start, how many were asked for, how many there are. */
public record Page<T>(List<T> items, int offset, int limit, int total) {

    static final int MAX_LIMIT = 500;

    /** The page of {@code all} from {@code offset}, at most {@code limit} long (1–500). */
    static <T> Page<T> of(List<T> all, int offset, int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, not " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        int from = Math.min(offset, all.size());
        return new Page<>(List.copyOf(all.subList(from, Math.min(all.size(), from + limit))), offset, limit, all.size());
    }
}
