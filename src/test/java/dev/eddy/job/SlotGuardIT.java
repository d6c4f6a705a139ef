package dev.eddy.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.cluster.JobFailures;
import dev.eddy.cluster.JobManagerClient;
import dev.eddy.query.Outcome;
import dev.eddy.query.QueryReport;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.support.Await;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Console queries never starve a deployed job: one waiting for a slot gets the newest query's. */
@EddyIntegrationTest
class SlotGuardIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    QueryService queries;
    @Autowired
    JobService jobs;
    @Autowired
    JobManagerClient jobManager;
    @Autowired
    JobFailures failures;

    @Test
    void aDeployedJobWaitingForASlotGetsTheNewestQuerysAndThatQuerysUserIsToldWhy() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<SqlConsole> holders = new ArrayList<>();
        List<RecordingListener> listeners = new ArrayList<>();
        Long jobId = null;
        try (SqlConsole setup = queries.openConsole("it-slot-guard-setup")) {
            setup.collect("CREATE TABLE kept_" + suffix + " (order_id BIGINT) WITH ('connector' = 'blackhole')", 1);
            // Until none is free: a job another test just ended may still be giving its slot back.
            for (int i = 0; jobManager.overview().slotsAvailable() > 0 && i < jobManager.overview().slotsTotal(); i++) {
                SqlConsole holder = queries.openConsole("it-slot-guard-" + i);
                holders.add(holder);
                RecordingListener running = new RecordingListener();
                listeners.add(running);
                holder.run("SELECT order_id FROM orders", running);
                Await.until("query " + i + " to hold its slot", WAIT, () -> running.columns.get() != null, ready -> ready);
            }
            Await.until("every slot to be taken", WAIT, () -> jobManager.overview().slotsAvailable(), free -> free == 0);

            Job job = jobs.deploy(new JobDraft("kept " + suffix, "", "INSERT INTO kept_" + suffix
                    + " SELECT order_id FROM orders", JobSettings.defaults()));
            jobId = job.id();
            String flinkJobId = job.flinkJobId();
            Await.until("the job to run with every task deployed", WAIT,
                    () -> jobManager.details(flinkJobId).path("status-counts").path("RUNNING").asInt() > 0
                            && failures.health(flinkJobId).waiting().isEmpty()
                            && jobManager.details(flinkJobId).path("status-counts").path("SCHEDULED").asInt() == 0
                            && jobManager.details(flinkJobId).path("status-counts").path("CREATED").asInt() == 0,
                    running -> running);

            QueryReport stopped = CompletableFuture.anyOf(listeners.stream().map(l -> l.finished)
                    .toArray(CompletableFuture[]::new)).thenApply(QueryReport.class::cast).get(30, TimeUnit.SECONDS);
            assertThat(stopped.outcome()).isEqualTo(Outcome.STOPPED);
            assertThat(stopped.yieldedTo()).contains("kept " + suffix);
            assertThat(listeners.get(listeners.size() - 1).finished).as("the newest query gave its slot").isDone();
            assertThat(listeners.stream().filter(l -> l.finished.isDone()).count()).as("one query, not all").isEqualTo(1);
            assertThat(queries.history("", 20)).anySatisfy(e -> assertThat(e.message())
                    .isEqualTo("stopped to give its task slot to job 'kept " + suffix + "', which should run"));
        } finally {
            holders.forEach(SqlConsole::close);
            if (jobId != null) {
                jobs.cancel(jobId);
            }
        }
    }
}
