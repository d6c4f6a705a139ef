package dev.eddy.sql;

import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The SQL page's scripts in Eddy's store: what was typed survives a reload and a restart. */
@Repository
public class ScriptStore {
    private static final RowMapper<Script> ROW = (rs, i) -> new Script(rs.getLong("id"), rs.getString("title"),
            rs.getString("content"), rs.getInt("position"), rs.getTimestamp("updated_at").toInstant());
    private final JdbcTemplate jdbc;

    public ScriptStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every script, in tab order. */
    @Requires(Role.VIEWER)
    public List<Script> list() {
        return jdbc.query("SELECT id, title, content, position, updated_at FROM script ORDER BY position, id", ROW);
    }

    /** A new script after the others, titled "Script N" unless a title is given. */
    @Transactional
    @Requires(Role.VIEWER)
    public Script create(String title, String content) {
        int position = jdbc.queryForObject("SELECT COALESCE(MAX(position), 0) + 1 FROM script", Integer.class);
        String name = title != null && !title.isBlank() ? title : "Script " + nextNumber();
        Long id = jdbc.queryForObject("INSERT INTO script (title, content, position) VALUES (?, ?, ?) RETURNING id",
                Long.class, name, content == null ? "" : content, position);
        return find(id).orElseThrow();
    }

    @Requires(Role.VIEWER)
    public Optional<Script> find(long id) {
        return jdbc.query("SELECT id, title, content, position, updated_at FROM script WHERE id = ?", ROW, id)
                .stream().findFirst();
    }

    /** Keeps the script's text; unchanged text is not written again. */
    @Requires(Role.VIEWER)
    public void saveContent(long id, String content) {
        jdbc.update("UPDATE script SET content = ?, updated_at = now() WHERE id = ? AND content IS DISTINCT FROM ?",
                content, id, content);
    }

    @Requires(Role.VIEWER)
    public void rename(long id, String title) {
        jdbc.update("UPDATE script SET title = ?, updated_at = now() WHERE id = ?", title, id);
    }

    @Requires(Role.VIEWER)
    public void delete(long id) {
        jdbc.update("DELETE FROM script WHERE id = ?", id);
    }

    /** Removes every script; the next visit starts from the example again. */
    public void deleteAll() {
        jdbc.update("DELETE FROM script");
    }

    private int nextNumber() {
        Integer highest = jdbc.queryForObject("SELECT MAX(CAST(substring(title FROM '^Script ([0-9]+)$') AS INT)) "
                + "FROM script", Integer.class);
        return highest == null ? 1 : highest + 1;
    }
}
