package dev.eddy.gateway;

import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/** Statements run in every new console session before the user's first statement. */
public interface SessionInitializer {
    default List<String> statements() {
        return List.of();
    }

    /**
     * One of {@link #statements()} failed; the ones after it are skipped, since they may rely on it.
     * The session opens anyway: a broken setup must not keep the user out of the console.
     */
    default void failed(String statement, GatewayException error) {
        LoggerFactory.getLogger(SessionInitializer.class).warn("Session setup statement failed: {}", error.describe());
    }

    /** Every one of {@link #statements()} ran in a new session. */
    default void done() {
        // Nothing to note by default.
    }

    /** A short commented script worth running once these statements ran, for the editor of a new user. */
    default Optional<String> example() {
        return Optional.empty();
    }
}
