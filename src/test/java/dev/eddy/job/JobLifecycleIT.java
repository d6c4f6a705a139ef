package dev.eddy.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.cluster.JobManagerClient;
import dev.eddy.embedded.EmbeddedStack;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.support.Await;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.table.TableException;
import dev.eddy.table.TableService;
import dev.eddy.table.TableUsage;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Jobs on the embedded cluster, end to end: a Kafka → PostgreSQL upsert pipeline through its whole life. */
@EddyIntegrationTest
class JobLifecycleIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    @Autowired
    JobService jobs;
    @Autowired
    RestorePoints points;
    @Autowired
    QueryService queries;
    @Autowired
    EmbeddedStack stack;
    @Autowired
    JobManagerClient flink;
    @Autowired
    TableService tables;
    @Autowired
    JobMonitor monitor;

    /** Flink samples a running task's threads for a flame graph when asked (rest.flamegraph.enabled). */
    private void flameGraphsAreOn(String flinkJobId) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, java.net.http.HttpResponse<String>> get = path -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(flink.baseUrl() + path)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        String vertex;
        try {
            vertex = new com.fasterxml.jackson.databind.ObjectMapper().readTree(get.apply("/jobs/" + flinkJobId).body())
                    .path("vertices").get(0).path("id").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        // Flink answers -2 when flame graphs are off, a waiting mark while it samples, then the graph's time.
        long sampledAt = Await.until("a flame graph of the running source", WAIT, () -> {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(get.apply("/jobs/" + flinkJobId
                        + "/vertices/" + vertex + "/flamegraph").body()).path("endTimestamp").asLong();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }, t -> t > 0 || t == -2);
        assertThat(sampledAt).as("flame graphs are on").isPositive();
    }

    @Test
    void aPipelineStoppedWithASavepointRestartsFromItWithoutLosingOrRepeatingRows() {
        PipelineFixture p = fixture();
        p.purchase(10, "ann", "bob", "cy");
        Job job = jobs.deploy(new JobDraft("totals " + p.sink, "purchases per customer", p.insert(), JobSettings.defaults()));
        assertThat(jobs.version(job.id(), 1).reads()).containsExactly("eddy.default_database." + p.source);
        assertThat(jobs.version(job.id(), 1).writes()).containsExactly("eddy.default_database." + p.sink);
        awaitTotals(p, Map.of("ann", 10L, "bob", 10L, "cy", 10L));
        awaitState(job, "RUNNING");
        flameGraphsAreOn(jobs.get(job.id()).flinkJobId());
        assertThat(tables.jobsUsing(p.source)).containsExactly(new TableUsage.TableUser(job.name(), true, false, false));
        assertThat(tables.jobsUsing(p.sink)).containsExactly(new TableUsage.TableUser(job.name(), true, true, false));
        assertThatThrownBy(() -> tables.drop(p.sink)).isInstanceOf(TableException.class)
                .hasMessageContaining("used by the running job " + job.name());

        Savepoint savepoint = jobs.stop(job.id());
        assertThat(points.presence(savepoint.path())).isEqualTo(RestorePoints.Presence.PRESENT);
        assertThat(savepoint.sizeBytes()).isPositive();
        assertThat(jobs.get(job.id()).shouldRun()).isFalse();

        p.purchase(5, "ann", "bob", "cy"); // while the job is stopped
        Job restarted = jobs.restart(job.id());
        assertThat(restarted.flinkJobId()).isNotEqualTo(job.flinkJobId());
        assertThat(jobs.runs(job.id()).get(0).restoredFrom()).isEqualTo(savepoint.path());
        awaitTotals(p, Map.of("ann", 15L, "bob", 15L, "cy", 15L));
        assertThat(flink.checkpoints(restarted.flinkJobId()).path("latest").path("restored").path("external_path")
                .asText()).isEqualTo(savepoint.path());

        // Editing the source table flags the job: it runs with the definition it started with.
        assertThat(jobs.olderTables(restarted)).isEmpty();
        try (SqlConsole console = queries.openConsole("it-jobs-alter")) {
            console.collect("ALTER TABLE " + p.source + " SET ('json.ignore-parse-errors' = 'true')", 1);
        }
        assertThat(jobs.olderTables(jobs.get(job.id()))).containsExactly(p.source + " (v1, now v2)");
        assertThat(tables.jobsUsing(p.source)).singleElement().extracting(TableUsage.TableUser::olderVersion).isEqualTo(true);
        jobs.cancel(job.id());
    }

    @Test
    void aCancelledJobRestartsFromItsLatestRetainedCheckpoint() {
        PipelineFixture p = fixture();
        p.purchase(4, "dan", "eve");
        Job job = jobs.deploy(new JobDraft("cancel " + p.sink, "", p.insert(),
                JobSettings.defaults().with(JobSettings.CHECKPOINT_INTERVAL, "1 s")));
        awaitTotals(p, Map.of("dan", 4L, "eve", 4L));
        Await.until("a checkpoint recorded after the rows were written", WAIT,
                () -> jobs.runs(job.id()).get(0).lastCheckpoint(), cp -> cp != null && waitedAfterRows());

        jobs.cancel(job.id());
        awaitState(job, "CANCELED");
        assertThatThrownBy(() -> jobs.cancel(job.id())).isInstanceOf(JobException.class).hasMessageContaining("not running");

        p.purchase(2, "dan", "eve");
        RestorePoint newest = jobs.restorePoints(job.id()).get(0);
        assertThat(newest.kind()).isEqualTo(Savepoint.Kind.CHECKPOINT);
        jobs.restart(job.id());
        awaitTotals(p, Map.of("dan", 6L, "eve", 6L));
        assertThat(jobs.runs(job.id()).get(0).restoredFrom()).isEqualTo(newest.path());
        jobs.cancel(job.id());
    }

    @Test
    void aJobThatFailsSaysWhyAndRestartsOnceTheCauseIsRepaired() {
        PipelineFixture p = fixture();
        p.purchase(3, "fay");
        Job job = jobs.deploy(new JobDraft("fail " + p.sink, "", p.insert(), JobSettings.defaults()
                .with(JobSettings.CHECKPOINT_INTERVAL, "1 s").with(JobSettings.RESTART_STRATEGY, "none")));
        awaitTotals(p, Map.of("fay", 3L));
        Await.until("a checkpoint", WAIT, () -> jobs.runs(job.id()).get(0).lastCheckpoint(), cp -> cp != null);

        p.dropPostgresTable();
        p.purchase(1, "fay");
        Job failed = Await.until("the job failed, with its cause", WAIT, () -> jobs.get(job.id()),
                j -> "FAILED".equals(j.state()) && j.failure() != null);
        assertThat(failed.failure()).contains(p.sink).contains("does not exist");
        assertThat(failed.shouldRun()).isFalse();

        p.createPostgresTable();
        jobs.restart(job.id());
        p.purchase(1, "gus");
        // The count state came back with the checkpoint: fay's total goes on from 3, not from 0.
        awaitTotals(p, Map.of("fay", 4L, "gus", 1L));
        jobs.cancel(job.id());
    }

    @Test
    void anEditThatKeepsThePlanShapeKeepsTheStateAndOneThatChangesItWaitsForConsent() {
        PipelineFixture p = fixture();
        p.purchase(3, "hal", "ida");
        Job job = jobs.deploy(new JobDraft("edit " + p.sink, "", p.insertFiltered("amount > 0"), JobSettings.defaults()));
        awaitTotals(p, Map.of("hal", 3L, "ida", 3L));

        jobs.edit(job.id(), "counts every purchase", p.insertFiltered("amount > -1"), JobSettings.defaults());
        assertThat(jobs.get(job.id()).runsOlderVersion()).isTrue();
        StateCheck.Verdict compatible = jobs.checkState(job.id());
        assertThat(compatible.compatible()).as(compatible.summary()).isTrue();
        assertThat(compatible.kept()).anyMatch(k -> k.contains("GroupAggregate"));
        Job v2 = jobs.redeploy(job.id(), false);
        assertThat(v2.runningVersion()).isEqualTo(2);
        p.purchase(1, "hal");
        awaitTotals(p, Map.of("hal", 4L, "ida", 3L));
        awaitState(v2, "RUNNING");
        assertThat(flink.checkpoints(v2.flinkJobId()).path("latest").path("restored").path("external_path").asText())
                .as("version 2 started from version 1's savepoint").contains("savepoint");

        jobs.edit(job.id(), "", p.insertTwoBranches(), JobSettings.defaults());
        StateCheck.Verdict incompatible = jobs.checkState(job.id());
        assertThat(incompatible.compatible()).isFalse();
        assertThat(incompatible.dropped()).anyMatch(d -> d.contains("GroupAggregate"));
        assertThatThrownBy(() -> jobs.redeploy(job.id(), false)).isInstanceOf(StateMismatchException.class)
                .hasMessageContaining("Nothing was changed");
        assertThat(jobs.get(job.id()).flinkJobId()).isEqualTo(v2.flinkJobId());
        assertThat(flink.job(v2.flinkJobId()).isRunning()).isTrue();

        // Stopped, a plain restart of version 3 from version 2's savepoint is refused the same way.
        jobs.stop(job.id());
        assertThatThrownBy(() -> jobs.restart(job.id())).isInstanceOf(StateMismatchException.class)
                .hasMessageContaining("GroupAggregate");

        // With consent the state is dropped: the new sources read the topic from the start and count again.
        Job v3 = jobs.redeploy(job.id(), true);
        assertThat(v3.runningVersion()).isEqualTo(3);
        p.purchase(1, "ida");
        awaitTotals(p, Map.of("hal", 4L, "ida", 4L));
        jobs.cancel(job.id());
    }

    @Test
    void aStatementSetWritesSeveralSinksInOneJob() {
        PipelineFixture p = fixture();
        PipelineFixture second = fixture();
        p.purchase(2, "jo", "kim");
        String set = "EXECUTE STATEMENT SET BEGIN\n" + p.insert() + ";\nINSERT INTO " + second.sink
                + " SELECT customer, COUNT(*), MAX(amount) FROM " + p.source + " WHERE customer = 'jo' GROUP BY customer;\nEND;";
        JobPlan plan = jobs.explain(set, JobSettings.defaults());
        assertThat(plan.writes()).containsExactlyInAnyOrder("eddy.default_database." + p.sink,
                "eddy.default_database." + second.sink);
        Job job = jobs.deploy(new JobDraft("set " + p.sink, "", set, JobSettings.defaults()));
        awaitTotals(p, Map.of("jo", 2L, "kim", 2L));
        awaitTotals(second, Map.of("jo", 2L));
        assertThat(jobs.version(job.id(), 1).reads()).containsExactly("eddy.default_database." + p.source);
        JobMetrics figures = Await.until("records in and out per second", WAIT, () -> monitor.metrics(jobs.get(job.id())),
                m -> m.recordsInPerSecond() > 0 && m.recordsOutPerSecond() > 0 && m.lastCheckpoint() != null);
        System.out.println("Statement set figures: " + figures);
        assertThat(monitor.graph(jobs.get(job.id()))).extracting(JobVertex::parallelism).containsOnly(1);
        jobs.cancel(job.id());
    }

    @Test
    void onlyTheNewestSavepointsAreKept() {
        PipelineFixture p = fixture();
        p.purchase(1, "liv");
        Job job = jobs.deploy(new JobDraft("savepoints " + p.sink, "", p.insert(), JobSettings.defaults()));
        awaitTotals(p, Map.of("liv", 1L));
        awaitState(job, "RUNNING");
        Savepoint first = jobs.savepoint(job.id());
        for (int i = 0; i < 5; i++) {
            jobs.savepoint(job.id());
        }
        assertThat(jobs.savepoints(job.id())).hasSize(5).extracting(Savepoint::path).doesNotContain(first.path());
        Await.until("the oldest savepoint's files deleted by the cluster", WAIT, () -> points.presence(first.path()),
                presence -> presence == RestorePoints.Presence.GONE);
        jobs.cancel(job.id());
    }

    @Test
    void aStatementThatIsNotAPipelineIsRefusedInWords() {
        assertThatThrownBy(() -> jobs.deploy(new JobDraft("reader", "", "SELECT * FROM orders", JobSettings.defaults())))
                .isInstanceOf(JobException.class).hasMessageContaining("starts with SELECT");
        assertThatThrownBy(() -> jobs.deploy(new JobDraft("typo", "", "INSERT INTO nowhere SELECT 1", JobSettings.defaults())))
                .isInstanceOf(JobException.class).hasMessageContaining("Flink cannot plan this job").hasMessageContaining("nowhere");
        assertThatThrownBy(() -> jobs.deploy(new JobDraft("bad settings", "", "INSERT INTO nowhere SELECT 1",
                JobSettings.defaults().with(JobSettings.PARALLELISM, "zero"))))
                .isInstanceOf(JobException.class).hasMessageContaining("Parallelism must be a whole number");
        assertThat(jobs.find("typo")).isEmpty();
    }

    private long rowsSeenAt;

    private boolean waitedAfterRows() {
        if (rowsSeenAt == 0) {
            rowsSeenAt = System.nanoTime();
        }
        return System.nanoTime() - rowsSeenAt > Duration.ofSeconds(3).toNanos();
    }

    private PipelineFixture fixture() {
        return new PipelineFixture(stack, UUID.randomUUID().toString().substring(0, 8)).create(queries);
    }

    private Job awaitState(Job job, String state) {
        return Await.until("job " + job.name() + " " + state, WAIT, () -> jobs.get(job.id()), j -> state.equals(j.state()));
    }

    private static void awaitTotals(PipelineFixture p, Map<String, Long> expected) {
        Await.until("totals " + expected + " in PostgreSQL", WAIT, p::totals, expected::equals);
    }
}
