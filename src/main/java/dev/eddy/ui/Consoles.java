package dev.eddy.ui;

import dev.eddy.query.SqlConsole;

/** The browser session's console, for views that read what its session sees (the schema tree). */
public interface Consoles {
    SqlConsole console();
}
