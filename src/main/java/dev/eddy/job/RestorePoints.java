package dev.eddy.job;

import dev.eddy.cluster.ClusterHosting;
import dev.eddy.cluster.ClusterPlan;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.springframework.stereotype.Component;

/**
 * The places a job can restart from, newest first: its savepoints and the latest checkpoint of each
 * run, each checked where it is kept (Eddy's disk, or object storage through Flink's file systems). A
 * checkpoint Flink has since replaced is followed to the newest one beside it.
 */
@Component
class RestorePoints {
    /** What Eddy knows of the state at a path. */
    enum Presence {
        /** Its {@code _metadata} is there. */
        PRESENT,
        /** Where it was kept, it is no longer. */
        GONE,
        /** Eddy cannot look there (no file system for it here, a remote cluster's own disk, no answer). */
        UNKNOWN
    }

    /** A directory with more files than this is not summed: its size is shown as unknown. */
    private static final int MAX_FILES_SUMMED = 10_000;
    private final boolean clusterSharesEddysDisk;

    @org.springframework.beans.factory.annotation.Autowired
    RestorePoints(ClusterHosting hosting) {
        this(hosting.plan() != ClusterPlan.REMOTE);
    }

    /** {@code clusterSharesEddysDisk}: a file path Flink reports is a file on Eddy's own disk. */
    RestorePoints(boolean clusterSharesEddysDisk) {
        this.clusterSharesEddysDisk = clusterSharesEddysDisk;
    }

    List<RestorePoint> of(List<Savepoint> savepoints, List<JobRun> runs) {
        Map<String, RestorePoint> points = new LinkedHashMap<>();
        for (Savepoint s : savepoints) {
            points.put(s.path(), new RestorePoint(s.path(), s.kind(), s.createdAt(), s.version(), s.reason(),
                    s.sizeBytes() != null ? s.sizeBytes() : sizeOf(s.path())));
        }
        for (JobRun run : runs) {
            if (run.lastCheckpoint() != null) {
                String path = newestBeside(run.lastCheckpoint());
                points.putIfAbsent(path, new RestorePoint(path, Savepoint.Kind.CHECKPOINT, run.lastCheckpointAt(),
                        run.version(), "latest of the run started " + run.startedAt(), sizeOf(path)));
            }
        }
        List<RestorePoint> list = new ArrayList<>(points.values());
        // Only what is known to be gone is left out: a point Eddy cannot look at is offered, and Flink
        // refuses it in words if it is not there, rather than a job quietly starting without state.
        list.removeIf(p -> presence(p.path()) == Presence.GONE);
        list.sort(Comparator.comparing(RestorePoint::takenAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return list;
    }

    /**
     * Whether the job had state and all of it is gone: then starting it again means starting it empty,
     * which only a person may choose. A job that never got to a checkpoint had none to lose.
     */
    boolean everyStateGone(List<Savepoint> savepoints, List<JobRun> runs) {
        boolean had = !savepoints.isEmpty() || runs.stream().anyMatch(r -> r.lastCheckpoint() != null);
        return had && of(savepoints, runs).isEmpty();
    }

    /** Whether the state at a path is there, gone, or out of Eddy's sight. */
    Presence presence(String path) {
        Optional<Path> at = location(path);
        if (at.isEmpty()) {
            return Presence.UNKNOWN;
        }
        try {
            FileSystem fs = at.get().getFileSystem();
            if (fs.exists(new Path(at.get(), "_metadata"))) {
                return Presence.PRESENT;
            }
            return fs.isDistributedFS() || clusterSharesEddysDisk ? Presence.GONE : Presence.UNKNOWN;
        } catch (IOException | RuntimeException e) {
            return Presence.UNKNOWN;
        }
    }

    /** Bytes under a savepoint or checkpoint directory; null when Eddy cannot see it or it is very large. */
    Long sizeOf(String path) {
        Optional<Path> at = location(path);
        if (at.isEmpty()) {
            return null;
        }
        try {
            FileSystem fs = at.get().getFileSystem();
            long bytes = 0;
            int files = 0;
            Deque<Path> dirs = new ArrayDeque<>(List.of(at.get()));
            while (!dirs.isEmpty()) {
                FileStatus[] children = fs.listStatus(dirs.pop());
                if (children == null) {
                    return null;
                }
                for (FileStatus child : children) {
                    if (child.isDir()) {
                        dirs.push(child.getPath());
                    } else if (++files > MAX_FILES_SUMMED) {
                        return null;
                    } else {
                        bytes += child.getLen();
                    }
                }
            }
            return files == 0 ? null : bytes;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Flink keeps only the last few checkpoints of a run: when the recorded one was replaced, the
     * newest complete {@code chk-N} in the same directory is the one to use.
     */
    String newestBeside(String checkpoint) {
        Optional<Path> at = location(checkpoint);
        if (at.isEmpty() || presence(checkpoint) != Presence.GONE || at.get().getParent() == null) {
            return checkpoint;
        }
        try {
            FileSystem fs = at.get().getFileSystem();
            FileStatus[] siblings = fs.listStatus(at.get().getParent());
            if (siblings == null) {
                return checkpoint;
            }
            return Arrays.stream(siblings).filter(FileStatus::isDir).map(FileStatus::getPath)
                    .filter(p -> p.getName().matches("chk-\\d+"))
                    .filter(p -> exists(fs, new Path(p, "_metadata")))
                    .max(Comparator.comparingLong(p -> Long.parseLong(p.getName().substring(4))))
                    .map(p -> sameForm(checkpoint, p)).orElse(checkpoint);
        } catch (IOException | RuntimeException e) {
            return checkpoint;
        }
    }

    private static boolean exists(FileSystem fs, Path path) {
        try {
            return fs.exists(path);
        } catch (IOException e) {
            return false;
        }
    }

    /** A sibling written the way the recorded path was ({@code file:/x} and {@code file:///x} name one place). */
    private static String sameForm(String recorded, Path sibling) {
        URI uri = sibling.toUri();
        if ("file".equals(uri.getScheme())) {
            return java.nio.file.Path.of(uri.getPath()).toUri().toString();
        }
        return uri.toString();
    }

    private static Optional<Path> location(String path) {
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        try {
            String p = path.startsWith("/") ? "file://" + path : path;
            return Optional.of(new Path(p));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
