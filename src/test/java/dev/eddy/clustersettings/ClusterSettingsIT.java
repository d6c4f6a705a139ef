package dev.eddy.clustersettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.cluster.ClusterControl;
import dev.eddy.cluster.ClusterSettings;
import dev.eddy.cluster.ClusterSettingsStore;
import dev.eddy.embedded.EmbeddedStack;
import dev.eddy.job.Job;
import dev.eddy.job.JobDraft;
import dev.eddy.job.JobService;
import dev.eddy.job.JobSettings;
import java.util.List;
import dev.eddy.security.AccessRefusedException;
import dev.eddy.security.AuditEntry;
import dev.eddy.security.AuditLog;
import dev.eddy.security.Role;
import dev.eddy.support.EddyIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/** Cluster settings on the embedded plan: versions, the audit, job defaults at once, slots at the next start. */
@EddyIntegrationTest
class ClusterSettingsIT {
    @Autowired
    ClusterSettingsService settings;
    @Autowired
    JobService jobs;
    @Autowired
    AuditLog audit;
    @Autowired
    EmbeddedStack stack;
    @Autowired
    ClusterSettingsStore store;
    @Autowired
    dev.eddy.job.JobDefaults defaults;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    dev.eddy.query.QueryService queries;
    @Autowired
    dev.eddy.cluster.JobManagerClient jobManager;
    private ClusterSettings before;

    private static void signIn(Role role) {
        var auth = new org.springframework.security.authentication.TestingAuthenticationToken(role == Role.ADMIN ? "admin"
                : "developer", "n/a", role.authority());
        auth.setAuthenticated(true);
        SecurityContextHolder.getContext().setAuthentication(auth);
    }

    @BeforeEach
    void signInAsAdmin() {
        signIn(Role.ADMIN);
        before = settings.current();
    }

    @AfterEach
    void putBackAndSignOut() {
        signIn(Role.ADMIN);
        if (!settings.current().equals(before)) {
            settings.apply(before);
        }
        SecurityContextHolder.clearContext();
    }

    @Test
    void aJobDefaultChangeIsAVersionAuditedOldToNewAndNewJobsStartWithIt() {
        int parallelism = Integer.parseInt(before.get(ClusterSettings.PARALLELISM));
        ClusterSettings next = before.with(ClusterSettings.PARALLELISM, String.valueOf(parallelism + 1))
                .with("restart-strategy.failure-rate.delay", "3 s");
        ClusterSettingsService.Preview preview = settings.preview(next);
        assertThat(preview.problems()).isEmpty();
        assertThat(preview.restart()).as("job defaults restart nothing").isNull();

        ClusterSettingsStore.Version version = settings.apply(next);
        assertThat(version.outcome()).isEqualTo(ClusterSettingsStore.Outcome.APPLIED);
        assertThat(version.changedBy()).isEqualTo("admin");
        assertThat(settings.current()).isEqualTo(next);
        assertThat(settings.versions().get(0).version()).isEqualTo(version.version());
        assertThat(jobs.defaultSettings().get("parallelism.default")).isEqualTo(String.valueOf(parallelism + 1));
        assertThat(jobs.defaultSettings().get("restart-strategy.failure-rate.delay")).isEqualTo("3 s");
        assertThat(audit.search("admin", "Cluster settings version " + version.version(), null, null, 5)).singleElement()
                .satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.OK);
                    assertThat(e.detail()).contains("parallelism.default: " + parallelism + " → " + (parallelism + 1),
                            "restart-strategy.failure-rate.delay: 10 s → 3 s");
                });
    }

    @Test
    void slotsOfTheEmbeddedClusterTakeEffectAtEddysNextStartAndAreKeptForIt() throws Exception {
        int slots = Integer.parseInt(before.get(ClusterSettings.TASK_SLOTS));
        ClusterSettings next = before.with(ClusterSettings.TASK_SLOTS, String.valueOf(slots + 2));
        assertThat(settings.preview(next).restart()).isEqualTo(ClusterControl.Restart.AT_NEXT_START);
        ClusterSettingsStore.Version version = settings.apply(next);
        assertThat(version.outcome()).isEqualTo(ClusterSettingsStore.Outcome.AT_NEXT_START);
        assertThat(version.message()).contains("when Eddy next starts");
        Path kept = stack.dataDir().resolve("flink/cluster-settings.properties");
        assertThat(Files.readString(kept)).contains("taskmanager.numberOfTaskSlots=" + (slots + 2));
    }

    /**
     * A cluster that does not come back with the new settings: the previous ones are restarted and the
     * running job is carried back from its savepoint. The cluster's refusal is played by a control that
     * throws the first time (no setting Eddy accepts makes a real Flink refuse to start here); the jobs,
     * savepoints, store and audit are real.
     */
    @Test
    void aFailedApplyGoesBackToThePreviousSettingsAndBringsTheRunningJobBackFromItsSavepoint() throws Exception {
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        try (dev.eddy.query.SqlConsole setup = queries.openConsole("it-settings-rollback")) {
            setup.collect("CREATE TABLE rollback_" + suffix + " (order_id BIGINT) WITH ('connector' = 'blackhole')", 1);
        }
        Job job = jobs.deploy(new JobDraft("rollback " + suffix, "", "INSERT INTO rollback_" + suffix
                + " SELECT order_id FROM orders", JobSettings.defaults()));
        dev.eddy.support.Await.until("every task of the job to run", java.time.Duration.ofSeconds(90),
                () -> jobManager.details(job.flinkJobId()).path("status-counts"),
                c -> c.path("RUNNING").asInt() > 0 && c.properties().stream()
                        .allMatch(e -> e.getKey().equals("RUNNING") || e.getValue().asInt() == 0));
        List<java.util.Map<String, String>> restarts = new java.util.concurrent.CopyOnWriteArrayList<>();
        ClusterControl refusing = new ClusterControl() {
            @Override
            public Restart restart() {
                return Restart.NOW;
            }

            @Override
            public void restartWith(java.util.Map<String, String> settings) {
                restarts.add(settings);
                if (restarts.size() == 1) {
                    throw new IllegalStateException("no TaskManager registered within 120 s");
                }
            }
        };
        ClusterSettingsService failing = new ClusterSettingsService(store, defaults, jobs, refusing, audit, dataSource);
        try {
            int slots = Integer.parseInt(before.get(ClusterSettings.TASK_SLOTS));
            ClusterSettings next = before.with(ClusterSettings.TASK_SLOTS, String.valueOf(slots + 1));
            ClusterSettingsStore.Version version = failing.apply(next);

            assertThat(version.outcome()).isEqualTo(ClusterSettingsStore.Outcome.FAILED);
            assertThat(version.message()).isEqualTo("The cluster did not come back with these settings (no TaskManager "
                    + "registered within 120 s): the previous settings are back. Its job runs again from its savepoint.");
            assertThat(restarts).extracting(r -> r.get(ClusterSettings.TASK_SLOTS))
                    .as("the new settings, then the previous ones").containsExactly(String.valueOf(slots + 1), String.valueOf(slots));
            assertThat(settings.current()).as("a failed version is not in effect").isEqualTo(before);
            Job back = jobs.get(job.id());
            assertThat(back.flinkJobId()).as("stopped and started again").isNotEqualTo(job.flinkJobId());
            assertThat(jobs.runs(job.id()).get(0).restoredFrom()).as("from the savepoint taken for the apply")
                    .isEqualTo(jobs.savepoints(job.id()).get(0).path());
            assertThat(audit.search("admin", "Cluster settings version " + version.version(), null, null, 5)).singleElement()
                    .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.FAILED));
        } finally {
            failing.close();
            jobs.cancel(job.id());
        }
    }

    @Test
    void wrongOrUnchangedSettingsAreRefusedInWordsAndOnlyAdminsApply() {
        assertThatThrownBy(() -> settings.apply(before.with(ClusterSettings.STATE_BACKEND, "memory")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("State backend must be hashmap or rocksdb, not 'memory'.");
        assertThatThrownBy(() -> settings.apply(before)).hasMessage("Nothing changed: these are the settings in effect.");
        signIn(Role.DEVELOPER);
        assertThatThrownBy(() -> settings.apply(before.with(ClusterSettings.PARALLELISM, "3")))
                .isInstanceOf(AccessRefusedException.class);
        assertThat(settings.current()).isEqualTo(before);
    }
}
