package dev.eddy.sql;

import dev.eddy.query.QueryService;
import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import java.util.List;
import org.springframework.stereotype.Service;

/** The acting user's saved scripts (the SQL page's tabs): a first visit gets the example script. */
@Service
public class ScriptService {
    private final ScriptStore store;
    private final QueryService queries;

    public ScriptService(ScriptStore store, QueryService queries) {
        this.store = store;
        this.queries = queries;
    }

    /** The user's scripts in their order; on a first visit, the example script, saved. */
    @Requires(Role.VIEWER)
    public List<Script> mine() {
        List<Script> saved = store.list();
        return saved.isEmpty() ? List.of(store.create(null, queries.exampleScript())) : saved;
    }

    @Requires(Role.VIEWER)
    public Script create(String title, String content) {
        return store.create(title, content);
    }

    @Requires(Role.VIEWER)
    public void saveContent(long id, String content) {
        store.saveContent(id, content);
    }

    @Requires(Role.VIEWER)
    public void rename(long id, String title) {
        store.rename(id, title);
    }

    @Requires(Role.VIEWER)
    public void delete(long id) {
        store.delete(id);
    }
}
