package dev.eddy.gateway;

import java.util.List;

/** Statements run in every new console session before the user's first statement. */
public interface SessionInitializer {
    List<String> statements();
}
