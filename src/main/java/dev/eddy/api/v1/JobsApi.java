package dev.eddy.api.v1;

import dev.eddy.job.Job;
import dev.eddy.job.CheckpointStat;
import dev.eddy.job.JobDraft;
import dev.eddy.job.JobMetrics;
import dev.eddy.job.JobMonitor;
import dev.eddy.job.JobVertex;
import dev.eddy.job.JobPlan;
import dev.eddy.job.JobRun;
import dev.eddy.job.JobService;
import dev.eddy.job.JobSettings;
import dev.eddy.job.JobVersion;
import dev.eddy.job.RestorePoint;
import dev.eddy.job.Savepoint;
import dev.eddy.job.StateCheck;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Named INSERT pipelines over HTTP: deploy, watch, stop with a savepoint, restart, edit, redeploy, delete. */
@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "Jobs", description = "Deployed INSERT INTO pipelines and their state")
class JobsApi {
    private final JobService jobs;
    private final JobMonitor monitor;
    private final dev.eddy.observe.MetricHistory history;
    private final dev.eddy.observe.JobLogs logs;

    JobsApi(JobService jobs, JobMonitor monitor, dev.eddy.observe.MetricHistory history, dev.eddy.observe.JobLogs logs) {
        this.logs = logs;
        this.jobs = jobs;
        this.monitor = monitor;
        this.history = history;
    }

    /** A running job's live figures: throughput, checkpoints, and each operator with its back pressure. */
    record Figures(JobMetrics metrics, List<JobVertex> operators, List<CheckpointStat> checkpoints) {}

    /** A failure of the job's current run: when, in which task, the cause in words (root cause first). */
    record Failure(java.time.Instant at, String task, String cause) {}

    /** A pipeline to deploy or plan: its SQL and Flink settings (parallelism.default, checkpoint interval, …). */
    record JobRequest(String name, String description, String statement, Map<String, String> settings) {
        JobSettings jobSettings(JobSettings defaults) {
            JobSettings s = defaults;
            if (settings != null) {
                for (Map.Entry<String, String> e : settings.entrySet()) {
                    s = s.with(e.getKey(), e.getValue());
                }
            }
            return s;
        }
    }

    /** Where a restart begins: a restore point's path (null: the newest safe state) and consent to drop state. */
    record RestartRequest(String from, boolean allowNonRestored) {}

    @GetMapping
    @Operation(summary = "Jobs, newest first; state filters (e.g. RUNNING), name filters by a part of the name (viewer)")
    Page<Job> list(@RequestParam(required = false) String state, @RequestParam(required = false) String name,
            @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit) {
        List<Job> all = jobs.list().stream()
                .filter(j -> state == null || state.equalsIgnoreCase(j.state()))
                .filter(j -> name == null || j.name().toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT)))
                .toList();
        return Page.of(all, offset, limit);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Deploy a new job and start it (developer)")
    Job deploy(@RequestBody JobRequest request) {
        return jobs.deploy(new JobDraft(request.name(), request.description(), request.statement(), request.jobSettings(jobs.defaultSettings())));
    }

    @PostMapping("/plan")
    @Operation(summary = "Plan a statement as a job without deploying it: the tables it reads and writes (developer)")
    JobPlan plan(@RequestBody JobRequest request) {
        return jobs.explain(request.statement(), request.jobSettings(jobs.defaultSettings()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One job (viewer)")
    Job get(@PathVariable long id) {
        return jobs.get(id);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Save new SQL or settings as the job's next version; a running job keeps its version until redeployed (developer)")
    JobVersion edit(@PathVariable long id, @RequestBody JobRequest request) {
        return jobs.edit(id, request.description(), request.statement(), request.jobSettings(jobs.defaultSettings()));
    }

    @GetMapping("/{id}/state-check")
    @Operation(summary = "Whether the state the job would restart from fits its current version (viewer)")
    StateCheck.Verdict stateCheck(@PathVariable long id) {
        return jobs.checkState(id);
    }

    @PostMapping("/{id}/redeploy")
    @Operation(summary = "Run the current version in place of what runs now, from a savepoint; 409 when state would be dropped (developer)")
    Job redeploy(@PathVariable long id, @RequestParam(defaultValue = "false") boolean allowNonRestored) {
        return jobs.redeploy(id, allowNonRestored);
    }

    @PostMapping("/{id}/stop")
    @Operation(summary = "Stop with a savepoint; a restart continues from it (developer)")
    Savepoint stop(@PathVariable long id) {
        return jobs.stop(id);
    }

    @PostMapping("/{id}/savepoint")
    @Operation(summary = "Take a savepoint; the job keeps running (developer)")
    Savepoint savepoint(@PathVariable long id) {
        return jobs.savepoint(id);
    }

    @PostMapping("/{id}/cancel")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Cancel without a savepoint; the latest checkpoint is kept (developer)")
    void cancel(@PathVariable long id) {
        jobs.cancel(id);
    }

    @PostMapping("/{id}/restart")
    @Operation(summary = "Restart a stopped job from the newest safe state or a chosen restore point (developer)")
    Job restart(@PathVariable long id, @RequestBody(required = false) RestartRequest request) {
        if (request == null || request.from() == null) {
            return jobs.restart(id);
        }
        RestorePoint from = jobs.restorePoints(id).stream().filter(p -> p.path().equals(request.from())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Job " + id + " has no restore point " + request.from()
                        + ": GET /api/v1/jobs/" + id + "/restore-points lists them"));
        return jobs.restart(id, from, request.allowNonRestored());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a job that is not running, with its versions and savepoint records (developer)")
    void delete(@PathVariable long id) {
        jobs.delete(id);
    }

    @GetMapping("/{id}/figures")
    @Operation(summary = "Live figures of the job's current run: records per second, checkpoints, operators and back pressure (viewer)")
    Figures figures(@PathVariable long id) {
        Job job = jobs.get(id);
        return new Figures(monitor.metrics(job), monitor.graph(job), monitor.checkpoints(job));
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "One figure of the job over time, oldest first: metric records_in_per_second, "
            + "records_out_per_second, source_lag_records, restarts, failed_checkpoints, last_checkpoint_seconds, "
            + "busy_percent, back_pressured_percent or last_checkpoint_bytes; "
            + "range an ISO-8601 duration from PT1M to P14D (every 15 s reading up to 6 hours, one-minute averages "
            + "beyond) (viewer)")
    List<dev.eddy.observe.MetricHistory.Point> history(@PathVariable long id, @RequestParam String metric,
            @RequestParam(defaultValue = "PT1H") String range) {
        return history.history(jobs.get(id).id(), metric, HistoryRangeParam.parse(range));
    }

    @GetMapping("/{id}/logs")
    @Operation(summary = "What the job's current or last run logged, oldest first, up to lines (1 to 1,000): time, level, "
            + "process, logger, message with its exception's class and message and its causes', no frames (developer)")
    List<dev.eddy.observe.JobLogLine> logs(@PathVariable long id, @RequestParam(defaultValue = "200") int lines) {
        return logs.lines(jobs.get(id), lines).stream().map(dev.eddy.observe.JobLogLine::withoutFrames).toList();
    }

    @GetMapping("/{id}/failures")
    @Operation(summary = "Failures of the job's current run, newest first, in words (viewer)")
    List<Failure> failures(@PathVariable long id) {
        return monitor.failures(jobs.get(id)).stream().map(f -> new Failure(f.at(), f.task(), f.cause())).toList();
    }

    @GetMapping("/{id}/versions")
    @Operation(summary = "Every version of the job, oldest first (viewer)")
    List<JobVersion> versions(@PathVariable long id) {
        return jobs.versions(id);
    }

    @GetMapping("/{id}/runs")
    @Operation(summary = "Every run of the job on Flink (viewer)")
    List<JobRun> runs(@PathVariable long id) {
        return jobs.runs(id);
    }

    @GetMapping("/{id}/restore-points")
    @Operation(summary = "Savepoints and retained checkpoints the job can restart from, newest first (viewer)")
    List<RestorePoint> restorePoints(@PathVariable long id) {
        return jobs.restorePoints(id);
    }

    @GetMapping("/{id}/savepoints")
    @Operation(summary = "The savepoints Eddy recorded for the job (viewer)")
    List<Savepoint> savepoints(@PathVariable long id) {
        return jobs.savepoints(id);
    }
}
