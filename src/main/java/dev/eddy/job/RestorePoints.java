package dev.eddy.job;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The places a job can restart from, newest first: its savepoints and the latest checkpoint of each
 * run. A checkpoint Flink has since replaced is followed to the newest one beside it.
 */
final class RestorePoints {
    private RestorePoints() {}

    static List<RestorePoint> of(List<Savepoint> savepoints, List<JobRun> runs) {
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
        list.removeIf(p -> !exists(p.path()));
        list.sort(Comparator.comparing(RestorePoint::takenAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return list;
    }

    /** Whether the state at a path can still be read; paths Eddy cannot see (object stores) are trusted. */
    static boolean exists(String path) {
        return local(path).map(p -> Files.isRegularFile(p.resolve("_metadata"))).orElse(true);
    }

    /** Bytes under a local savepoint or checkpoint directory; null when Eddy cannot see it. */
    static Long sizeOf(String path) {
        Optional<Path> dir = local(path);
        if (dir.isEmpty() || !Files.isDirectory(dir.get())) {
            return null;
        }
        try (Stream<Path> files = Files.walk(dir.get())) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    /**
     * Flink keeps only the last few checkpoints of a run: when the recorded one was replaced, the
     * newest complete {@code chk-N} in the same directory is the one to use.
     */
    static String newestBeside(String checkpoint) {
        Optional<Path> dir = local(checkpoint);
        if (dir.isEmpty() || Files.isRegularFile(dir.get().resolve("_metadata")) || dir.get().getParent() == null) {
            return checkpoint;
        }
        try (Stream<Path> siblings = Files.list(dir.get().getParent())) {
            return siblings.filter(p -> p.getFileName().toString().matches("chk-\\d+"))
                    .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                    .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(4))))
                    .map(p -> p.toUri().toString()).orElse(checkpoint);
        } catch (IOException e) {
            return checkpoint;
        }
    }

    private static Optional<Path> local(String path) {
        if (path == null) {
            return Optional.empty();
        }
        if (path.startsWith("file:")) {
            return Optional.of(Path.of(URI.create(path.replaceFirst("^file:/+", "file:///"))));
        }
        return path.startsWith("/") ? Optional.of(Path.of(path)) : Optional.empty();
    }
}
