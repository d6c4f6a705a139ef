package dev.eddy.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.cluster.ClusterException;
import dev.eddy.cluster.JobManagerClient;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The record of the state a job can restart from: checkpoints as runs complete them, savepoints as
 * they are taken (the oldest disposed of beyond the retention), a stop with savepoint written whole.
 */
@Component
class SavepointBook {
    private static final Logger log = LoggerFactory.getLogger(SavepointBook.class);
    private final JobRepository store;
    private final JobManagerClient flink;
    private final JobProperties properties;
    private final RestorePoints points;

    SavepointBook(JobRepository store, JobManagerClient flink, JobProperties properties, RestorePoints points) {
        this.points = points;
        this.store = store;
        this.flink = flink;
        this.properties = properties;
    }

    /** Records the newest completed checkpoint of a run, so a restart can find it even after Flink forgets the run. */
    void recordCheckpoint(String flinkJobId) {
        try {
            JsonNode latest = flink.checkpoints(flinkJobId).path("latest").path("completed");
            if (latest.hasNonNull("external_path")) {
                store.checkpointed(flinkJobId, latest.get("external_path").asText(),
                        Instant.ofEpochMilli(latest.path("latest_ack_timestamp").asLong(System.currentTimeMillis())));
            }
        } catch (ClusterException e) {
            log.debug("No checkpoint statistics for {}: {}", flinkJobId, e.getMessage());
        }
    }

    Savepoint recordSavepoint(Job job, String path, String reason) {
        store.addSavepoint(job.id(), job.flinkJobId(), savedVersion(job), Savepoint.Kind.SAVEPOINT, path,
                points.sizeOf(path), reason);
        return pruneAndFind(job.id(), path);
    }

    /** A stop with savepoint: the job no longer runs, its run ended, the savepoint kept, in one transaction. */
    Savepoint stopped(Job job, String path) {
        store.stoppedWithSavepoint(job.id(), job.flinkJobId(), savedVersion(job), path, points.sizeOf(path),
                "stopped");
        return pruneAndFind(job.id(), path);
    }

    /** The version whose state a savepoint of the job's run holds. */
    private static int savedVersion(Job job) {
        return job.runningVersion() == null ? job.version() : job.runningVersion();
    }

    private Savepoint pruneAndFind(long job, String path) {
        List<Savepoint> savepoints = store.savepoints(job).stream().filter(s -> s.kind() == Savepoint.Kind.SAVEPOINT)
                .toList();
        for (Savepoint old : savepoints.subList(Math.min(savepoints.size(), properties.savepointsRetained()),
                savepoints.size())) {
            try {
                flink.disposeSavepoint(old.path());
            } catch (ClusterException e) {
                log.warn("Could not dispose of savepoint {}: {}", old.path(), e.getMessage());
            }
            store.deleteSavepoint(old.id());
        }
        return store.savepoints(job).stream().filter(s -> s.path().equals(path)).findFirst().orElseThrow();
    }
}
