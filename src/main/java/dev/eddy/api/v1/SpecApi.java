package dev.eddy.api.v1;

import dev.eddy.gitops.ApplyReport;
import dev.eddy.gitops.SpecPlan;
import dev.eddy.gitops.SpecService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Declarative management: plan and apply a project's spec (YAML), export what Eddy has as one. */
@RestController
@RequestMapping("/api/v1/spec")
@Tag(name = "Specs", description = "Plan and apply integrations, tables and jobs from a YAML spec kept in Git")
class SpecApi {
    private static final int MAX_VALUES = 1000;
    private final SpecService specs;

    SpecApi(SpecService specs) {
        this.specs = specs;
    }

    /** A spec and the values of the secrets it refers to (sent by the client; Eddy never reads its own environment). */
    record SpecRequest(@Schema(description = "The spec, as YAML text") String spec,
            @Schema(description = "Values of the environment variables and secrets-file entries the spec refers to")
            Map<String, String> values) {
        Map<String, String> checkedValues() {
            Map<String, String> v = values == null ? Map.of() : values;
            if (v.size() > MAX_VALUES) {
                throw new IllegalArgumentException("At most " + MAX_VALUES + " secret values can be sent with a spec");
            }
            return v;
        }
    }

    /** A plan with its printed form. */
    record PlanResponse(SpecPlan plan, boolean hasChanges, java.util.List<String> decisions, String text) {}

    /** An apply's outcome with its printed form. */
    record ApplyResponse(ApplyReport report, boolean failed, boolean changed, String text) {}

    @PostMapping("/plan")
    @Operation(summary = "What applying the spec would change, resource by resource, and what needs a decision (developer)")
    PlanResponse plan(@RequestBody SpecRequest request) {
        SpecPlan plan = specs.plan(request.spec(), request.checkedValues());
        return new PlanResponse(plan, plan.hasChanges(), plan.decisions(), plan.text());
    }

    @PostMapping("/apply")
    @Operation(summary = "Apply the spec: integrations, tables, jobs, then deletions; stops at the first failure "
            + "(developer; integrations need an admin)")
    ApplyResponse apply(@RequestBody SpecRequest request) {
        ApplyReport report = specs.apply(request.spec(), request.checkedValues());
        return new ApplyResponse(report, report.failed(), report.changedAnything(), report.text());
    }

    @GetMapping(value = "/export", produces = "application/yaml")
    @Operation(summary = "Everything Eddy has (but built-in integrations) as a spec of the project; secrets as "
            + "references to environment variables (developer)")
    String export(@RequestParam String project) {
        return specs.export(project);
    }
}
