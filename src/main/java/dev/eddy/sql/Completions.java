package dev.eddy.sql;

import java.util.List;

/**
 * The suggestions for one place in a script: they replace the text between {@code from} and
 * {@code to}. {@code complete} says the list holds every match, so the browser may narrow it
 * itself as the user types on; otherwise it asks again.
 */
public record Completions(int from, int to, List<Completion> options, boolean complete) {

    static Completions none(int cursor) {
        return new Completions(cursor, cursor, List.of(), true);
    }
}
