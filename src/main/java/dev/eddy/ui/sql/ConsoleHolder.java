package dev.eddy.ui.sql;

import com.vaadin.flow.spring.annotation.VaadinSessionScope;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.sql.CompletionService;
import dev.eddy.sql.SqlAssistant;
import dev.eddy.ui.Consoles;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/** One console (one gateway session) per browser session, closed when the browser session ends. */
@Component
@VaadinSessionScope
class ConsoleHolder implements Consoles {
    private final QueryService queries;
    private final CompletionService completion;
    private SqlConsole console;
    private SqlAssistant assistant;

    ConsoleHolder(QueryService queries, CompletionService completion) {
        this.queries = queries;
        this.completion = completion;
    }

    /** The editor's completion and checks for this browser session's console. */
    synchronized SqlAssistant assistant() {
        if (assistant == null) {
            assistant = completion.assistant(console());
        }
        return assistant;
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
