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
    private final RestorePoints points = new RestorePoints(true);

    @Test
    void aReplacedCheckpointIsFollowedToTheNewestCompleteOneBesideIt() throws Exception {
        Path run = Files.createDirectories(dir.resolve("checkpoints/abc"));
        complete(run.resolve("chk-7"));
        complete(run.resolve("chk-12"));
        Files.createDirectories(run.resolve("chk-13")); // still being written: no _metadata
        String recorded = run.resolve("chk-3").toUri().toString(); // subsumed and deleted by Flink

        assertThat(points.newestBeside(recorded)).isEqualTo(run.resolve("chk-12").toUri().toString());
        assertThat(points.presence(recorded)).isEqualTo(RestorePoints.Presence.GONE);
        assertThat(points.presence(run.resolve("chk-12").toString())).isEqualTo(RestorePoints.Presence.PRESENT);
        assertThat(points.presence("s3://bucket/savepoints/sp-1")).as("no S3 file system in this JVM")
                .isEqualTo(RestorePoints.Presence.UNKNOWN);
    }

    @Test
    void aRemoteClustersFilePathMissingOnEddysDiskIsUnknownNotGone() throws Exception {
        RestorePoints remote = new RestorePoints(false);
        String elsewhere = dir.resolve("on-the-cluster-machine/savepoint-1").toUri().toString();
        assertThat(remote.presence(elsewhere)).isEqualTo(RestorePoints.Presence.UNKNOWN);
        Savepoint s = new Savepoint(1, 1, "run", 1, Savepoint.Kind.SAVEPOINT, elsewhere, null, "stopped",
                Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(remote.of(List.of(s), List.of())).as("offered: Flink says whether it is there")
                .extracting(RestorePoint::path).containsExactly(elsewhere);
        assertThat(points.of(List.of(s), List.of())).as("on a cluster sharing Eddy's disk it is gone").isEmpty();
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

        List<RestorePoint> found = points.of(savepoints, runs);
        assertThat(found).extracting(RestorePoint::kind).containsExactly(Savepoint.Kind.CHECKPOINT, Savepoint.Kind.SAVEPOINT);
        assertThat(found.get(1).sizeBytes()).isEqualTo(5L);
    }

    @Test
    void aJobThatHadStateAndLostAllOfItIsToldApartFromOneThatNeverHadAny() throws Exception {
        Path gone = dir.resolve("checkpoints/run/chk-9");
        JobRun checkpointed = new JobRun("run", 1, 1, null, Instant.parse("2026-11-26T10:01:00Z"), null, null,
                gone.toUri().toString(), Instant.parse("2026-11-26T10:05:00Z"));
        JobRun neverCheckpointed = new JobRun("run", 1, 1, null, Instant.parse("2026-11-26T10:01:00Z"), null, null,
                null, null);
        assertThat(points.everyStateGone(List.of(), List.of(checkpointed))).isTrue();
        assertThat(points.everyStateGone(List.of(), List.of(neverCheckpointed))).isFalse();
        complete(gone);
        assertThat(points.everyStateGone(List.of(), List.of(checkpointed))).isFalse();
        assertThat(new RestorePoints(false).everyStateGone(List.of(), List.of(new JobRun("run", 1, 1, null,
                Instant.parse("2026-11-26T10:01:00Z"), null, null, "file:/elsewhere/chk-1", null))))
                .as("a remote cluster's own disk: not known to be gone").isFalse();
    }

    private static Path complete(Path p) throws Exception {
        Files.createDirectories(p);
        Files.writeString(p.resolve("_metadata"), "state");
        return p;
    }
}
