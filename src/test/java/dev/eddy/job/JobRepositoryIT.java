package dev.eddy.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.support.EddyIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The store's side of jobs where two writers could meet: two Eddys on one store, a stop recorded whole. */
@EddyIntegrationTest
class JobRepositoryIT {
    @Autowired
    JobRepository store;

    private Job job() {
        JobVersion first = new JobVersion(0, 0, "INSERT INTO nowhere SELECT 1", JobSettings.defaults(), "plan",
                List.of(), List.of(), Map.of(), Map.of(), null);
        return store.create("store test " + UUID.randomUUID(), "", first, "admin");
    }

    @Test
    void aLostRunIsClaimedByOneEddyOnly() {
        Job job = job();
        try {
            store.started(job.id(), "lost-run-" + job.id(), 1, null);
            assertThat(store.claimLost(job.id(), "lost-run-" + job.id())).as("the first Eddy").isTrue();
            assertThat(store.claimLost(job.id(), "lost-run-" + job.id())).as("a second Eddy, at the same time").isFalse();
            store.started(job.id(), "new-run-" + job.id(), 1, null);
            assertThat(store.claimLost(job.id(), "lost-run-" + job.id())).as("a run that is no longer the job's").isFalse();
        } finally {
            store.delete(job.id());
        }
    }

    @Test
    void aStopWithSavepointIsRecordedWhole() {
        Job job = job();
        try {
            store.started(job.id(), "run-" + job.id(), 1, null);
            store.stoppedWithSavepoint(job.id(), "run-" + job.id(), 1, "file:/nowhere/savepoint-1", 10L, "stopped");
            Job stopped = store.find(job.id()).orElseThrow();
            assertThat(stopped.shouldRun()).isFalse();
            assertThat(stopped.state()).isEqualTo("FINISHED");
            assertThat(store.savepoints(job.id())).extracting(Savepoint::path).containsExactly("file:/nowhere/savepoint-1");
            // A savepoint the store cannot take rolls the whole stop back: the job is not left stopped without it.
            store.setDesired(job.id(), Job.DesiredState.RUNNING);
            try {
                store.stoppedWithSavepoint(job.id(), "run-" + job.id(), 1, null, 10L, "stopped");
            } catch (RuntimeException expected) {
                // The path is required.
            }
            assertThat(store.find(job.id()).orElseThrow().shouldRun()).isTrue();
        } finally {
            store.delete(job.id());
        }
    }
}
