package dev.eddy.gitops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The desired state of one project, as a YAML file in Git says it: its integrations, tables and
 * jobs. What a project's spec once created and no longer names is deleted at the next apply;
 * resources of other projects and those made in the console are left alone.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"project", "integrations", "tables", "jobs"})
public record Spec(String project, List<IntegrationSpec> integrations, List<TableSpec> tables, List<JobSpec> jobs) {
    public Spec {
        integrations = integrations == null ? List.of() : List.copyOf(integrations);
        tables = tables == null ? List.of() : List.copyOf(tables);
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }
}
