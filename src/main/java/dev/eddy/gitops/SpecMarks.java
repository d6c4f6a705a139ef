package dev.eddy.gitops;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Which integrations, tables and jobs a project's spec manages, in Eddy's store. */
@Repository
class SpecMarks {
    private final JdbcTemplate jdbc;

    SpecMarks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The names of one kind a project manages. */
    List<String> managed(ResourceKind kind, String project) {
        return jdbc.queryForList("SELECT name FROM spec_resource WHERE kind = ? AND project = ? ORDER BY name",
                String.class, kind.name(), project);
    }

    /** Name → project of every managed resource of one kind. */
    Map<String, String> projects(ResourceKind kind) {
        return jdbc.query("SELECT name, project FROM spec_resource WHERE kind = ?", (rs, i) -> Map.entry(rs.getString(1),
                rs.getString(2)), kind.name()).stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    Optional<String> project(ResourceKind kind, String name) {
        return jdbc.queryForList("SELECT project FROM spec_resource WHERE kind = ? AND name = ?", String.class,
                kind.name(), name).stream().findFirst();
    }

    void mark(ResourceKind kind, String name, String project, String by) {
        jdbc.update("""
                INSERT INTO spec_resource (kind, name, project, applied_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (kind, name) DO UPDATE SET project = EXCLUDED.project, applied_by = EXCLUDED.applied_by,
                  applied_at = now()""", kind.name(), name, project, by);
    }

    void unmark(ResourceKind kind, String name) {
        jdbc.update("DELETE FROM spec_resource WHERE kind = ? AND name = ?", kind.name(), name);
    }
}
