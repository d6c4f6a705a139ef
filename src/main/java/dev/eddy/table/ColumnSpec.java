package dev.eddy.table;

/**
 * One column of a table being designed: a physical column with a Flink type, or a computed one
 * ({@code expression} set, e.g. {@code TO_TIMESTAMP_LTZ(ts, 3)} over an epoch column).
 *
 * @param note why the type was chosen, when it is worth saying (mixed types, epoch millis)
 */
public record ColumnSpec(String name, String type, String expression, String note) {

    public static ColumnSpec physical(String name, String type) {
        return new ColumnSpec(name, type, null, null);
    }

    public boolean computed() {
        return expression != null && !expression.isBlank();
    }

    public ColumnSpec withType(String newType) {
        return new ColumnSpec(name, newType, expression, note);
    }

    public ColumnSpec withNote(String newNote) {
        return new ColumnSpec(name, type, expression, newNote);
    }
}
