package dev.eddy.cluster;

import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * The logs of the cluster's JobManager and of every TaskManager, read through the JobManager's
 * REST API, so they are visible on every plan and every node, not only on Eddy's machine.
 */
@Service
public class ClusterLogs {
    /** Lines shown at most: a tail, not the whole file (which Flink rolls at its own size). */
    public static final int MAX_LINES = 2_000;
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final Pattern TASKMANAGER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");
    private static final String JOBMANAGER = "jobmanager";
    private static final String TASKMANAGER = "taskmanager:";
    private static final Pattern NODE = Pattern.compile("[1-9][0-9]?");
    private final JobManagerClient jobManager;
    private final ClusterNodes nodes;

    public ClusterLogs(JobManagerClient jobManager, ClusterNodes nodes) {
        this.jobManager = jobManager;
        this.nodes = nodes;
    }

    /** One log file of one process: {@code process} is the key {@link #tail} and {@link #open} take. */
    public record Source(String process, String processName, String file, long size, long modified) {}

    /** The end of a log: its last lines (those matching the filter, when one is given) and whether more came before. */
    public record Tail(List<String> lines, boolean cut, long size) {}

    /** Every log file of the JobManager and the TaskManagers registered now; none when Flink runs inside Eddy. */
    @Requires(Role.ADMIN)
    public List<Source> sources() {
        List<Source> sources = new ArrayList<>();
        java.util.Map<Integer, String> jobManagers = nodes.jobManagers();
        if (jobManagers.isEmpty()) {
            for (JobManagerClient.LogFile f : jobManager.logFiles("/jobmanager")) {
                sources.add(new Source(JOBMANAGER, "JobManager", f.name(), f.size(), f.modified()));
            }
        }
        // Several JobManagers: each serves its own log files on its own REST API, the standbys' too.
        new java.util.TreeMap<>(jobManagers).forEach((node, url) -> {
            try {
                for (JobManagerClient.LogFile f : jobManager.at(url).logFiles("/jobmanager")) {
                    sources.add(new Source(JOBMANAGER + ":" + node, "JobManager " + node, f.name(), f.size(), f.modified()));
                }
            } catch (ClusterException e) {
                // That JobManager is down (Eddy starts it again): its logs are listed once it answers.
            }
        });
        for (String id : jobManager.taskManagerIds()) {
            List<JobManagerClient.LogFile> files;
            try {
                files = jobManager.logFiles("/taskmanagers/" + id);
            } catch (ClusterException e) {
                // The JobManager answered: this TaskManager keeps no log directory (one inside Eddy's JVM does not).
                continue;
            }
            for (JobManagerClient.LogFile f : files) {
                sources.add(new Source(TASKMANAGER + id, "TaskManager " + id, f.name(), f.size(), f.modified()));
            }
        }
        return sources;
    }

    /**
     * The last {@code lines} lines of a log (at most {@link #MAX_LINES}), keeping only those that contain
     * {@code filter} (any case) when it is not blank.
     */
    @Requires(Role.ADMIN)
    public Tail tail(String process, String file, int lines, String filter) {
        int keep = Math.max(1, Math.min(lines, MAX_LINES));
        String needle = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        Deque<String> last = new ArrayDeque<>(keep);
        boolean cut = false;
        long size = 0;
        try (InputStream in = open(process, file);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                size += line.length() + 1;
                if (!needle.isEmpty() && !line.toLowerCase(Locale.ROOT).contains(needle)) {
                    continue;
                }
                if (last.size() == keep) {
                    last.removeFirst();
                    cut = true;
                }
                last.addLast(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Tail(List.copyOf(last), cut, size);
    }

    /** A line of one process's log that mentions what was asked for. */
    public record Mention(String processName, String line) {}

    /**
     * The last {@code keep} lines of every process's current log file (the JobManagers' and the
     * TaskManagers') that contain {@code needle}, for a job's own log view, which its callers guard.
     */
    public List<Mention> mentions(String needle, int keep) {
        List<Mention> found = new ArrayList<>();
        for (Source source : sources()) {
            if (!source.file().endsWith(".log")) {
                continue;
            }
            Deque<String> last = new ArrayDeque<>(keep);
            try (InputStream in = open(source.process(), source.file());
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.contains(needle)) {
                        if (last.size() == keep) {
                            last.removeFirst();
                        }
                        last.addLast(line);
                    }
                }
            } catch (IOException | ClusterException e) {
                continue; // A process gone meanwhile: the others' lines still tell.
            }
            last.forEach(line -> found.add(new Mention(source.processName(), line)));
        }
        return found;
    }

    /**
     * Every process's current log file (not the rolled ones), for Eddy's own work of shipping them,
     * which runs as no user and shows nothing to anyone.
     */
    public List<Source> currentFiles() {
        return sources().stream().filter(s -> s.file().endsWith(".log")).toList();
    }

    /** A file {@link #currentFiles} listed, from its first byte; for shipping only. The caller closes it. */
    public InputStream read(Source source) {
        return open(source.process(), source.file());
    }

    /** The whole log file, for a download; the caller closes it. */
    @Requires(Role.ADMIN)
    public InputStream open(String process, String file) {
        if (file == null || !FILE_NAME.matcher(file).matches()) {
            throw new IllegalArgumentException("A log file name is letters, digits, dots, dashes and underscores, starting with a letter or digit; got "
                    + (file == null ? "nothing" : "'" + file + "'"));
        }
        if (process != null && process.startsWith(JOBMANAGER + ":")) {
            String node = process.substring(JOBMANAGER.length() + 1);
            String url = NODE.matcher(node).matches() ? nodes.jobManagers().get(Integer.parseInt(node)) : null;
            if (url == null) {
                throw new IllegalArgumentException("No such JobManager of the cluster: '" + process
                        + "'. Pick one from the list of logs.");
            }
            return jobManager.at(url).logFile("/jobmanager", file);
        }
        return jobManager.logFile(path(process), file);
    }

    private static String path(String process) {
        if (JOBMANAGER.equals(process)) {
            return "/jobmanager";
        }
        if (process != null && process.startsWith(TASKMANAGER)
                && TASKMANAGER_ID.matcher(process.substring(TASKMANAGER.length())).matches()) {
            return "/taskmanagers/" + process.substring(TASKMANAGER.length());
        }
        throw new IllegalArgumentException("No such process of the cluster: '" + process
                + "'. Pick 'jobmanager' or 'taskmanager:<id>' from the list of logs.");
    }
}
