package dev.eddy.ui.sql;

import com.vaadin.flow.spring.annotation.VaadinSessionScope;
import com.vaadin.flow.component.UI;
import dev.eddy.query.QueryListener;
import dev.eddy.query.QueryService;
import dev.eddy.query.RunningQuery;
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
    private final AbandonedQueries abandoned;
    private SqlConsole console;
    private SqlAssistant assistant;

    ConsoleHolder(QueryService queries, CompletionService completion, AbandonedQueries abandoned) {
        this.queries = queries;
        this.completion = completion;
        this.abandoned = abandoned;
    }

    /** Starts a statement for a page; it is stopped if the page's browser goes away without a word. */
    RunningQuery run(String statement, QueryListener listener, UI ui) {
        RunningQuery query = console().run(statement, listener);
        abandoned.started(query, ui);
        return query;
    }

    /** How long a console query runs before Eddy stops it, unless its user keeps it running. */
    java.time.Duration timeLimit() {
        return queries.timeLimit();
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
