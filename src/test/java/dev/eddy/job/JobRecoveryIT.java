package dev.eddy.job;

import dev.eddy.function.FunctionLibraries;
import dev.eddy.function.RegisteredFunctions;
import dev.eddy.support.UdfJar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.embedded.EmbeddedStack;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.support.Await;
import dev.eddy.support.WholeEddy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A running pipeline comes back by itself when the whole embedded stack restarts: from its latest
 * retained checkpoint after a stop without savepoint (as after a crash), from the savepoint Eddy
 * takes when it stops normally (here into a resized cluster); PostgreSQL ends with exactly the expected totals.
 */
@org.junit.jupiter.api.extension.ExtendWith(dev.eddy.support.AsAdmin.class)
class JobRecoveryIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aRunningJobComesBackAfterEddyRestartsWithNoRowLostOrCountedTwice() {
        Path data = Path.of("target/it-restart/jobs-" + UUID.randomUUID());
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String shout = "shout_" + suffix;
        long jobId;
        try (ConfigurableApplicationContext first = eddy(data, "false")) {
            PipelineFixture p = fixture(first, suffix).create(first.getBean(QueryService.class));
            JobService jobs = first.getBean(JobService.class);
            // The job calls a function of an uploaded library: it must come back with the cluster, its JAR
            // written again from Eddy's store.
            first.getBean(FunctionLibraries.class).upload("recovery-" + suffix, "strings.jar", UdfJar.version1());
            first.getBean(RegisteredFunctions.class).register("recovery-" + suffix, "dev.eddy.udf.Shout", shout);
            p.purchase(5, "ann", "bob");
            jobId = jobs.deploy(new JobDraft("restart " + suffix, "", p.insert().replace("SELECT customer,",
                    "SELECT " + shout + "(customer),").replace("GROUP BY customer", "GROUP BY " + shout + "(customer)"),
                    JobSettings.defaults().with(JobSettings.CHECKPOINT_INTERVAL, "1 s"))).id();
            assertThat(jobs.version(jobId, 1).libraryVersions()).containsExactly(Map.entry("recovery-" + suffix, 1));
            Await.until("first totals", WAIT, p::totals, Map.of("ANN!", 5L, "BOB!", 5L)::equals);
            long seen = System.nanoTime();
            Await.until("a checkpoint taken after the totals were written", WAIT,
                    () -> jobs.runs(jobId).get(0).lastCheckpoint(),
                    cp -> cp != null && System.nanoTime() - seen > Duration.ofSeconds(3).toNanos());
        } // stops without a savepoint, as a crash would leave it
        deleteRecursively(data.resolve("function-jars"));

        long auditId;
        try (ConfigurableApplicationContext second = eddy(data, "auto")) {
            PipelineFixture p = fixture(second, suffix);
            JobService jobs = second.getBean(JobService.class);
            p.purchase(3, "ann", "bob");
            Await.until("totals after the restart from a checkpoint", WAIT, p::totals, Map.of("ANN!", 8L, "BOB!", 8L)::equals);
            assertThat(data.resolve("function-jars")).isDirectoryContaining("glob:**/recovery-" + suffix + "-v1-*.jar");
            assertThat(jobs.runs(jobId)).hasSize(2);
            assertThat(jobs.runs(jobId).get(0).restoredFrom()).contains("/checkpoints/");
            assertThat(jobs.get(jobId).shouldRun()).isTrue();
            // A second job, so Eddy's stop saves two at once.
            try (SqlConsole console = second.getBean(QueryService.class).openConsole("it-audit")) {
                console.collect("CREATE TABLE audit_" + suffix + " (customer STRING, amount INT) "
                        + "WITH ('connector' = 'blackhole')", 1);
            }
            auditId = jobs.deploy(new JobDraft("audit " + suffix, "", "INSERT INTO audit_" + suffix
                    + " SELECT customer, amount FROM " + p.source, JobSettings.defaults())).id();
            Await.until("the audit job running", WAIT, () -> jobs.get(auditId).state(), "RUNNING"::equals);
        } // stops both jobs with a savepoint first

        // The third start also resizes the cluster: more task slots, default parallelism 2.
        try (ConfigurableApplicationContext third = eddy(data, "auto", "eddy.embedded.flink.task-slots=6",
                "eddy.embedded.flink.parallelism=2")) {
            PipelineFixture p = fixture(third, suffix);
            JobService jobs = third.getBean(JobService.class);
            p.purchase(2, "ann", "bob");
            Await.until("totals after the restart from the shutdown savepoint", WAIT, p::totals,
                    Map.of("ANN!", 10L, "BOB!", 10L)::equals);
            assertThat(jobs.runs(jobId)).hasSize(3);
            assertThat(jobs.runs(jobId).get(0).restoredFrom()).contains("/savepoints/");
            assertThat(jobs.savepoints(jobId)).extracting(Savepoint::reason).contains("Eddy stopped");
            assertThat(third.getBean(JobMonitor.class).graph(jobs.get(jobId))).extracting(JobVertex::parallelism).contains(2);
            assertThat(jobs.savepoints(auditId)).extracting(Savepoint::reason).contains("Eddy stopped");
            Await.until("the audit job back from its shutdown savepoint", WAIT,
                    () -> jobs.runs(auditId).get(0).restoredFrom(), from -> from != null && from.contains("/savepoints/"));
            jobs.cancel(jobId);
            jobs.cancel(auditId);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static PipelineFixture fixture(ConfigurableApplicationContext eddy, String suffix) {
        return new PipelineFixture(eddy.getBean(EmbeddedStack.class), suffix);
    }

    private static ConfigurableApplicationContext eddy(Path data, String savepointOnShutdown, String... more) {
        String[] settings = java.util.Arrays.copyOf(more, more.length + 1);
        settings[more.length] = "eddy.jobs.savepoint-on-shutdown=" + savepointOnShutdown;
        return WholeEddy.embedded(data, settings);
    }
}
