package dev.eddy.gateway;

import java.util.List;
import java.util.Optional;

/** Statements run in every new console session before the user's first statement. */
public interface SessionInitializer {
    default List<String> statements() {
        return List.of();
    }

    /** A short commented script worth running once these statements ran, for the editor of a new user. */
    default Optional<String> example() {
        return Optional.empty();
    }
}
