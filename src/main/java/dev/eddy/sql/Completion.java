package dev.eddy.sql;

/**
 * One suggestion of the editor: the label shown, the text inserted, its kind (keyword, function,
 * table, view, column, topic, pg-table, catalog, database, option, value), a short detail and an
 * optional longer explanation.
 */
public record Completion(String label, String apply, String type, String detail, String info, int boost) {

    static Completion of(String label, String type, String detail) {
        return new Completion(label, label, type, detail, null, 0);
    }
}
