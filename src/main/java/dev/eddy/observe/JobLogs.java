package dev.eddy.observe;

import dev.eddy.cluster.ClusterException;
import dev.eddy.cluster.ClusterLogs;
import dev.eddy.job.Job;
import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * What a job's run logged, wherever Flink runs it: inside Eddy's JVM, its lines as they were logged;
 * on processes of their own, the lines of their log files that name the run (Eddy's log pattern
 * writes {@code job=<id>} on every line a job's thread logs; on a remote cluster, lines mentioning
 * the id).
 */
@Service
public class JobLogs {
    public static final int MAX_LINES = 1_000;
    private final JobLogTap tap;
    private final ClusterLogs cluster;

    JobLogs(JobLogTap tap, ClusterLogs cluster) {
        this.tap = tap;
        this.cluster = cluster;
    }

    /** The last {@code max} lines (1 to 1,000) the job's current or last run logged, oldest first. */
    @Requires(value = Role.DEVELOPER, action = "Reading a job's logs", audited = false)
    public List<JobLogLine> lines(Job job, int max) {
        int keep = Math.max(1, Math.min(max, MAX_LINES));
        if (job.flinkJobId() == null) {
            return List.of();
        }
        List<JobLogLine> inside = tap.lines(job.flinkJobId(), keep);
        if (!inside.isEmpty()) {
            return inside;
        }
        List<JobLogLine> lines = new ArrayList<>();
        try {
            for (ClusterLogs.Mention m : cluster.mentions(job.flinkJobId(), keep)) {
                lines.add(parse(m.processName(), m.line()));
            }
        } catch (ClusterException e) {
            return List.of(); // Flink does not answer: the page says so beside the job's state.
        }
        lines.sort(Comparator.comparing(JobLogLine::at, Comparator.nullsFirst(Comparator.naturalOrder())));
        return lines.subList(Math.max(0, lines.size() - keep), lines.size());
    }

    /** A line of a log file as Eddy's processes write it; a line of another shape is kept whole as the message. */
    public static JobLogLine parse(String process, String line) {
        LogRecord r = ProcessLogLines.record(process, null, line);
        return r == null ? new JobLogLine(null, "", process, "", line)
                : new JobLogLine(r.at(), r.level(), process, r.logger(), r.message());
    }
}
