package dev.eddy.api.v1;

import dev.eddy.cluster.ClusterOverview;
import dev.eddy.cluster.ClusterService;
import dev.eddy.cluster.JobSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The Flink cluster Eddy runs its statements and jobs on: figures and every job it knows. */
@RestController
@RequestMapping("/api/v1/cluster")
@Tag(name = "Cluster", description = "The Flink cluster: task managers, slots, jobs")
class ClusterApi {
    private final ClusterService cluster;

    ClusterApi(ClusterService cluster) {
        this.cluster = cluster;
    }

    @GetMapping
    @Operation(summary = "Flink version, task managers, task slots (total and free) and job counts (viewer)")
    ClusterOverview overview() {
        return cluster.overview();
    }

    @GetMapping("/nodes")
    @Operation(summary = "The cluster plan and the processes Eddy runs for it: pid, running, restarts (viewer)")
    dev.eddy.cluster.ClusterNodes.Nodes nodes() {
        return cluster.nodes();
    }

    @GetMapping("/settings")
    @Operation(summary = "The cluster's effective Flink configuration; secret values hidden (admin)")
    java.util.Map<String, String> settings() {
        return cluster.settings();
    }

    @GetMapping("/jobs")
    @Operation(summary = "Every Flink job the cluster knows, Eddy's and others', newest first (viewer)")
    Page<JobSummary> jobs(@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit) {
        return Page.of(cluster.jobs(), offset, limit);
    }
}
