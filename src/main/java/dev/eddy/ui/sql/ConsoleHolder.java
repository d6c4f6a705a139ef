package dev.eddy.ui.sql;

import com.vaadin.flow.spring.annotation.VaadinSessionScope;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/** One console (one gateway session) per browser session, closed when the browser session ends. */
@Component
@VaadinSessionScope
class ConsoleHolder implements Consoles {
    private final QueryService queries;
    private SqlConsole console;

    ConsoleHolder(QueryService queries) {
        this.queries = queries;
    }

    @Override
    public synchronized SqlConsole console() {
        if (console == null) {
            console = queries.openConsole("eddy-console");
        }
        return console;
    }

    @PreDestroy
    synchronized void close() {
        if (console != null) {
            console.close();
            console = null;
        }
    }
}
