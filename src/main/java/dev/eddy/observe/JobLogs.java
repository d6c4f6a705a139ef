package dev.eddy.observe;

import dev.eddy.cluster.ClusterException;
import dev.eddy.cluster.ClusterLogs;
import dev.eddy.job.Job;
import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    /** Eddy's processes' pattern: {@code 2026-12-01T05:12:03.123+00:00 INFO  [thread] job=<id> logger - message}. */
    private static final Pattern LINE = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2}T[\\d:.]+(?:Z|[+-]\\d{2}:\\d{2}))\\s+(\\w+)\\s+\\[(.*?)]\\s+(?:job=\\S+\\s+)?(\\S+) - (.*)$");
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
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return new JobLogLine(null, "", process, "", line);
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(m.group(1)).toInstant();
        } catch (DateTimeParseException e) {
            at = null;
        }
        return new JobLogLine(at, m.group(2), process, m.group(4), m.group(5));
    }
}
