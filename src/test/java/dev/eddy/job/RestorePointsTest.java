package dev.eddy.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestorePointsTest {
    @TempDir
    Path dir;

    @Test
    void aReplacedCheckpointIsFollowedToTheNewestCompleteOneBesideIt() throws Exception {
        Path run = Files.createDirectories(dir.resolve("checkpoints/abc"));
        complete(run.resolve("chk-7"));
        complete(run.resolve("chk-12"));
        Files.createDirectories(run.resolve("chk-13")); // still being written: no _metadata
        String recorded = run.resolve("chk-3").toUri().toString(); // subsumed and deleted by Flink

        assertThat(RestorePoints.newestBeside(recorded)).isEqualTo(run.resolve("chk-12").toUri().toString());
        assertThat(RestorePoints.exists(recorded)).isFalse();
        assertThat(RestorePoints.exists("s3://bucket/savepoints/sp-1")).as("not visible from here: trusted").isTrue();
    }

    @Test
    void restorePointsAreNewestFirstAndGoneOnesAreLeftOut() throws Exception {
        Path kept = complete(dir.resolve("savepoints/savepoint-1"));
        Path gone = dir.resolve("savepoints/savepoint-0");
        Path checkpoint = complete(dir.resolve("checkpoints/run/chk-4"));
        List<Savepoint> savepoints = List.of(
                new Savepoint(2, 1, "run", 1, Savepoint.Kind.SAVEPOINT, kept.toUri().toString(), null, "stopped",
                        Instant.parse("2026-11-26T10:00:00Z")),
                new Savepoint(1, 1, "old", 1, Savepoint.Kind.SAVEPOINT, gone.toUri().toString(), null, "stopped",
                        Instant.parse("2026-11-26T09:00:00Z")));
        List<JobRun> runs = List.of(new JobRun("run", 1, 1, kept.toUri().toString(), Instant.parse("2026-11-26T10:01:00Z"),
                null, null, checkpoint.toUri().toString(), Instant.parse("2026-11-26T10:05:00Z")));

        List<RestorePoint> points = RestorePoints.of(savepoints, runs);
        assertThat(points).extracting(RestorePoint::kind).containsExactly(Savepoint.Kind.CHECKPOINT, Savepoint.Kind.SAVEPOINT);
        assertThat(points.get(1).sizeBytes()).isEqualTo(5L);
    }

    private static Path complete(Path p) throws Exception {
        Files.createDirectories(p);
        Files.writeString(p.resolve("_metadata"), "state");
        return p;
    }
}
