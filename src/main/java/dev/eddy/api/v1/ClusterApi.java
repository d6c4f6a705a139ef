package dev.eddy.api.v1;

import dev.eddy.cluster.ClusterLogs;
import dev.eddy.cluster.ClusterOverview;
import dev.eddy.cluster.ClusterService;
import dev.eddy.cluster.JobSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The Flink cluster Eddy runs its statements and jobs on: figures and every job it knows. */
@RestController
@RequestMapping("/api/v1/cluster")
@Tag(name = "Cluster", description = "The Flink cluster: task managers, slots, jobs")
class ClusterApi {
    private final ClusterService cluster;
    private final ClusterLogs logs;

    ClusterApi(ClusterService cluster, ClusterLogs logs) {
        this.cluster = cluster;
        this.logs = logs;
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

    @GetMapping("/taskmanagers")
    @Operation(summary = "Each TaskManager: task slots used and free, CPU, heap and process memory, heartbeat and health (viewer)")
    java.util.List<dev.eddy.cluster.TaskManagerStatus> taskManagers() {
        return cluster.taskManagers();
    }

    @GetMapping("/logs")
    @Operation(summary = "Every log file of the JobManager and of each TaskManager: process, file, size (admin)")
    java.util.List<ClusterLogs.Source> logs() {
        return logs.sources();
    }

    @GetMapping("/logs/{process}/{file:.+}")
    @Operation(summary = "The last lines of a log (at most 2,000), only those containing `contains` when given (admin)")
    ClusterLogs.Tail log(@PathVariable String process, @PathVariable String file,
            @RequestParam(defaultValue = "200") int lines, @RequestParam(defaultValue = "") String contains) {
        return logs.tail(process, file, lines, contains);
    }

    @GetMapping(value = "/logs/{process}/{file:.+}/download", produces = "text/plain")
    @Operation(summary = "A whole log file as text, streamed from the cluster (admin)")
    org.springframework.http.ResponseEntity<org.springframework.core.io.InputStreamResource> download(
            @PathVariable String process, @PathVariable String file) {
        // Opened first: the name is checked before it goes into a header.
        java.io.InputStream log = logs.open(process, file);
        return org.springframework.http.ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .contentType(org.springframework.http.MediaType.TEXT_PLAIN)
                .body(new org.springframework.core.io.InputStreamResource(log));
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
