package dev.eddy.sql;

import dev.eddy.security.CurrentUser;
import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import dev.eddy.store.StoreText;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SQL page's scripts in Eddy's store: what was typed survives a reload and a restart. Each
 * user has their own tabs; scripts from before users existed belong to the admins.
 */
@Repository
public class ScriptStore {
    private static final String COLUMNS = "id, title, content, position, updated_at";
    private static final RowMapper<Script> ROW = (rs, i) -> new Script(rs.getLong("id"), rs.getString("title"),
            rs.getString("content"), rs.getInt("position"), rs.getTimestamp("updated_at").toInstant());
    private final JdbcTemplate jdbc;

    public ScriptStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The acting user's scripts, in tab order. */
    @Requires(Role.VIEWER)
    public List<Script> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM script WHERE " + mine() + " ORDER BY position, id", ROW, me());
    }

    /** A new script after the others, titled "Script N" unless a title is given. */
    @Transactional
    @Requires(Role.VIEWER)
    public Script create(String title, String content) {
        int position = jdbc.queryForObject("SELECT COALESCE(MAX(position), 0) + 1 FROM script WHERE " + mine(),
                Integer.class, me());
        String name = title != null && !title.isBlank() ? title : "Script " + nextNumber();
        Long id = jdbc.queryForObject("INSERT INTO script (title, content, position, owner) VALUES (?, ?, ?, ?) "
                + "RETURNING id", Long.class, StoreText.of(name), content == null ? "" : StoreText.of(content), position, me());
        return find(id).orElseThrow();
    }

    @Requires(Role.VIEWER)
    public Optional<Script> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM script WHERE id = ? AND " + mine(), ROW, id, me())
                .stream().findFirst();
    }

    /** Keeps the script's text; unchanged text is not written again. */
    @Requires(Role.VIEWER)
    public void saveContent(long id, String content) {
        String kept = StoreText.of(content);
        jdbc.update("UPDATE script SET content = ?, updated_at = now() WHERE id = ? AND content IS DISTINCT FROM ? AND "
                + mine(), kept, id, kept, me());
    }

    @Requires(Role.VIEWER)
    public void rename(long id, String title) {
        jdbc.update("UPDATE script SET title = ?, updated_at = now() WHERE id = ? AND " + mine(), StoreText.of(title), id, me());
    }

    @Requires(Role.VIEWER)
    public void delete(long id) {
        jdbc.update("DELETE FROM script WHERE id = ? AND " + mine(), id, me());
    }

    /** Removes every user's scripts; the next visit starts from the example again. */
    public void deleteAll() {
        jdbc.update("DELETE FROM script");
    }

    private int nextNumber() {
        Integer highest = jdbc.queryForObject("SELECT MAX(CAST(substring(title FROM '^Script ([0-9]+)$') AS INT)) "
                + "FROM script WHERE " + mine(), Integer.class, me());
        return highest == null ? 1 : highest + 1;
    }

    private static String me() {
        return CurrentUser.nameOrSystem();
    }

    /** The condition for the acting user's scripts (one parameter: their name). */
    private static String mine() {
        boolean admin = CurrentUser.get().map(a -> a.may(Role.ADMIN)).orElse(false);
        return admin ? "(owner = ? OR owner IS NULL)" : "owner = ?";
    }
}
