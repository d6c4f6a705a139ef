package dev.eddy.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.security.AccessRefusedException;
import dev.eddy.security.AuditEntry;
import dev.eddy.security.AuditLog;
import dev.eddy.security.Role;
import dev.eddy.security.UserService;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.RecordingListener;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** A job belongs to the developer who deployed it: another developer watches it but cannot change it. */
@EddyIntegrationTest
class JobOwnershipIT {
    @Autowired
    JobService jobs;
    @Autowired
    UserService users;
    @Autowired
    QueryService queries;
    @Autowired
    AuditLog audit;

    /** Whatever happened, the job is gone afterwards: other tests count the cluster's free slots. */
    @AfterEach
    void removeTheJobAndSignOut() {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("admin", "n/a", "ROLE_ADMIN"));
        try {
            jobs.find("ann's counts").ifPresent(job -> {
                if (jobs.get(job.id()).isActive()) {
                    jobs.cancel(job.id());
                }
                Await.stopped(jobs, job.id());
                jobs.delete(job.id());
            });
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void anotherDeveloperCannotStopEditOrDeleteAJobButItsOwnerAndAdminsCan() throws Exception {
        users.add("ann", "ann's long password", Role.DEVELOPER);
        users.add("ben", "ben's long password", Role.DEVELOPER);
        try (SqlConsole console = queries.openConsole("ownership")) {
            RecordingListener created = new RecordingListener();
            console.run("CREATE TABLE owned_counts (customer_id BIGINT, n BIGINT) WITH ('connector' = 'blackhole')", created);
            created.finished.get(60, TimeUnit.SECONDS);
        }
        String sql = "INSERT INTO owned_counts SELECT customer_id, COUNT(*) FROM orders GROUP BY customer_id";

        as("ann");
        Job job = jobs.deploy(new JobDraft("ann's counts", "", sql, JobSettings.defaults()));
        assertThat(job.owner()).isEqualTo("ann");

        as("ben");
        assertThat(jobs.get(job.id()).name()).as("ben sees it").isEqualTo("ann's counts");
        assertThatThrownBy(() -> jobs.stop(job.id())).isInstanceOf(AccessRefusedException.class)
                .hasMessage("'ann's counts' belongs to ann: only they or an admin can stop it. Ask ann or an admin.");
        assertThatThrownBy(() -> jobs.edit(job.id(), "", sql + " HAVING COUNT(*) > 1", JobSettings.defaults()))
                .isInstanceOf(AccessRefusedException.class).hasMessageContaining("can edit it");
        assertThatThrownBy(() -> jobs.cancel(job.id())).isInstanceOf(AccessRefusedException.class);
        assertThat(jobs.get(job.id()).isActive()).as("still running").isTrue();

        as("ann");
        jobs.cancel(job.id());
        as("ben");
        assertThatThrownBy(() -> jobs.delete(job.id())).isInstanceOf(AccessRefusedException.class)
                .hasMessageContaining("can delete it");
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("admin", "n/a", "ROLE_ADMIN"));
        assertThat(audit.search("ben", "Stopping jobs", null, null, 5)).extracting(AuditEntry::outcome)
                .containsExactly(AuditEntry.Outcome.REFUSED);
        Await.stopped(jobs, job.id());
        jobs.delete(job.id());
        assertThat(jobs.find("ann's counts")).isEmpty();
    }

    private static void as(String developer) {
        SecurityContextHolder.getContext().setAuthentication(
                new TestingAuthenticationToken(developer, "n/a", Role.DEVELOPER.authority()));
    }

    /** A cancelled job is not running any more once Flink says so. */
    private static final class Await {
        static void stopped(JobService jobs, long id) {
            dev.eddy.support.Await.until("the job to stop", java.time.Duration.ofSeconds(60),
                    () -> jobs.get(id).isActive(), active -> !active);
        }
    }
}
