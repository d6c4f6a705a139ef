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
    private final dev.eddy.clustersettings.ClusterSettingsService settings;
    private final dev.eddy.observe.ClusterHistory history;

    ClusterApi(ClusterService cluster, ClusterLogs logs, dev.eddy.clustersettings.ClusterSettingsService settings,
            dev.eddy.observe.ClusterHistory history) {
        this.history = history;
        this.cluster = cluster;
        this.logs = logs;
        this.settings = settings;
    }

    /** The cluster settings in effect and how a change of slots or state backend takes effect on this plan. */
    record CurrentSettings(java.util.Map<String, String> options, dev.eddy.cluster.ClusterControl.Restart restart) {}

    /** Cluster settings to preview or apply: Flink options, every one of them (start from the current ones). */
    record SettingsRequest(java.util.Map<String, String> options) {
        dev.eddy.cluster.ClusterSettings settings() {
            if (options == null) {
                throw new IllegalArgumentException("Send the settings as {\"options\": {\"taskmanager.numberOfTaskSlots\": \"2\", …}}: "
                        + "start from GET /api/v1/cluster/settings/current.");
            }
            return new dev.eddy.cluster.ClusterSettings(options);
        }
    }

    @GetMapping("/settings/current")
    @Operation(summary = "The cluster settings in effect: task slots, state backend, and the job defaults (viewer)")
    CurrentSettings currentSettings() {
        return new CurrentSettings(settings.current().options(), settings.restartMode());
    }

    @GetMapping("/settings/versions")
    @Operation(summary = "Every version of the cluster settings, newest first: who, when, what, how applying it ended (viewer)")
    java.util.List<dev.eddy.cluster.ClusterSettingsStore.Version> settingsVersions() {
        return settings.versions();
    }

    @org.springframework.web.bind.annotation.PostMapping("/settings/preview")
    @Operation(summary = "What applying these settings would change, whether the cluster restarts, which jobs it carries (admin)")
    dev.eddy.clustersettings.ClusterSettingsService.Preview previewSettings(
            @org.springframework.web.bind.annotation.RequestBody SettingsRequest request) {
        return settings.preview(request.settings());
    }

    @org.springframework.web.bind.annotation.PutMapping("/settings")
    @Operation(summary = "Applies cluster settings as a new version; slots or state backend restart the cluster with "
            + "every running job carried across through a savepoint, and roll back if it does not come back (admin)")
    dev.eddy.cluster.ClusterSettingsStore.Version applySettings(
            @org.springframework.web.bind.annotation.RequestBody SettingsRequest request) {
        return settings.apply(request.settings());
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

    @GetMapping("/history")
    @Operation(summary = "One figure of the cluster over time, oldest first: metric jobmanager_heap_percent, "
            + "jobmanager_cpu_percent, taskmanager_heap_percent_max, taskmanager_cpu_percent_max, "
            + "taskmanagers_heap_used_bytes, slots_total, slots_free or taskmanagers; range PT1M to P14D (viewer)")
    java.util.List<dev.eddy.observe.MetricHistory.Point> history(@org.springframework.web.bind.annotation.RequestParam String metric,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "PT1H") String range) {
        return history.history(metric, HistoryRangeParam.parse(range));
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
