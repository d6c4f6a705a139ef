package dev.eddy.gateway;

import java.util.List;

/** One change of a result: its kind (+I, -U, +U, -D) and its field values (JSON-shaped Java values). */
public record ResultRow(RowKind kind, List<Object> fields) {

    /** Flink's changelog row kinds, with their short form. */
    public enum RowKind {
        INSERT("+I"), UPDATE_BEFORE("-U"), UPDATE_AFTER("+U"), DELETE("-D");

        private final String shortString;

        RowKind(String shortString) {
            this.shortString = shortString;
        }

        public String shortString() {
            return shortString;
        }
    }
}
