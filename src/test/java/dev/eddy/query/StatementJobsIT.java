package dev.eddy.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.cluster.JobHealth;
import dev.eddy.cluster.JobManagerClient;
import dev.eddy.cluster.JobSummary;
import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.ResultColumn;
import dev.eddy.support.Await;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.RecordingListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Flink job behind a console statement is followed: its failures are told, its outcome kept. */
@EddyIntegrationTest
class StatementJobsIT {
    @Autowired
    QueryService queries;
    @Autowired
    JobManagerClient jobManager;
    @Autowired
    StatementHistory history;

    SqlConsole console;

    @AfterEach
    void closeConsole() {
        if (console != null) {
            console.close();
        }
        jobManager.jobs().stream().filter(JobSummary::isRunning).forEach(j -> jobManager.cancel(j.id()));
    }

    @Test
    void showResultsAreRowsToShow() throws Exception {
        console = queries.openConsole("it-show");
        RecordingListener recorder = new RecordingListener();
        console.run("SHOW TABLES", recorder);
        QueryReport report = recorder.finished.get(30, TimeUnit.SECONDS);
        assertThat(report.query()).isTrue();
        assertThat(recorder.columns.get()).extracting(ResultColumn::name).containsExactly("table name");
        assertThat(recorder.stream.get().changelog()).isFalse();
        assertThat(recorder.stream.get().tableRows()).extracting(r -> r.get(0)).contains("orders", "customers");

        RecordingListener ddl = new RecordingListener();
        console.run("CREATE TEMPORARY VIEW v AS SELECT 1 AS x", ddl);
        assertThat(ddl.finished.get(30, TimeUnit.SECONDS).query()).as("DDL gives no rows to show").isFalse();
        assertThat(ddl.columns.get()).isNull();
    }

    @Test
    void aQueryWhoseJobFailsIsStoppedWithTheCauseInWords() throws Exception {
        console = queries.openConsole("it-runtime-failure");
        RecordingListener recorder = new RecordingListener();
        long t0 = System.nanoTime();
        console.run("SELECT order_id / (quantity - quantity) AS nonsense FROM orders", recorder);
        GatewayException error = recorder.failed.get(60, TimeUnit.SECONDS);
        System.out.printf("A failing query was reported %.1f s after it was started%n", (System.nanoTime() - t0) / 1e9);
        assertThat(error.getMessage()).startsWith("The query failed while running on Flink: ").contains("/ by zero")
                .contains("ArithmeticException");
        assertThat(error.hint()).hasValueSatisfying(h -> assertThat(h).contains("stopped it"));
        assertThat(error.detail()).contains("java.lang.ArithmeticException");
        Await.until("its job to be cancelled", Duration.ofSeconds(30),
                () -> jobManager.jobs().stream().filter(JobSummary::isRunning).toList(), List::isEmpty);
        assertThat(history.recent(5)).anySatisfy(e -> {
            assertThat(e.statement()).contains("quantity - quantity");
            assertThat(e.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(e.message()).contains("/ by zero");
        });
    }

    @Test
    void aQueryThatFindsNoFreeTaskSlotSaysWhatHoldsThemAndRunsOnceOneIsFree() throws Exception {
        List<SqlConsole> holders = new java.util.ArrayList<>();
        try {
            // Until none is free: a job another test just ended may still be giving its slot back.
            for (int i = 0; jobManager.overview().slotsAvailable() > 0 && i < jobManager.overview().slotsTotal(); i++) {
                SqlConsole holder = queries.openConsole("it-slot-holder-" + i);
                holders.add(holder);
                RecordingListener running = new RecordingListener();
                holder.run("SELECT order_id FROM orders", running);
                Await.until("query " + i + " to hold its slot", Duration.ofSeconds(60),
                        () -> running.columns.get() != null, ready -> ready);
            }
            Await.until("every slot to be taken", Duration.ofSeconds(60), () -> jobManager.overview().slotsAvailable(),
                    free -> free == 0);
            console = queries.openConsole("it-no-slot");
            RecordingListener recorder = new RecordingListener();
            long t0 = System.nanoTime();
            RunningQuery waiting = console.run("SELECT customer_id FROM orders", recorder);
            // Said while the job waits, not only when Flink gives up on it.
            String told = Await.until("the wait for a slot to be told", Duration.ofSeconds(60),
                    () -> waiting.stream().waitingFor().orElse(""), w -> !w.isEmpty());
            System.out.printf("A query waiting for a free slot was told so %.1f s after it was started%n",
                    (System.nanoTime() - t0) / 1e9);
            assertThat(told).startsWith("Waiting for a free task slot: all ").contains("slots are held by")
                    .contains("Stop a query in another script tab");
            // The embedded cluster lets a request wait for a slot (up to the 5-minute slot request
            // timeout): a slot set free lets the query run, and the wait is no longer told.
            holders.remove(0).close();
            Await.until("the waiting query to run", Duration.ofSeconds(60),
                    () -> waiting.stream().waitingFor().isEmpty() && jobManager.overview().slotsAvailable() == 0,
                    ran -> ran);
            assertThat(recorder.failed).isNotDone();
        } finally {
            holders.forEach(SqlConsole::close);
        }
    }

    @Test
    void anInsertWhoseJobKeepsFailingIsRecordedAsFailing() throws Exception {
        console = queries.openConsole("it-insert-failure");
        RecordingListener setup = new RecordingListener();
        console.run("CREATE TEMPORARY TABLE sink_nothing (n BIGINT) WITH ('connector' = 'blackhole')", setup);
        setup.finished.get(30, TimeUnit.SECONDS);
        RecordingListener recorder = new RecordingListener();
        List<JobHealth> seen = recorder.jobs;
        console.run("INSERT INTO sink_nothing SELECT order_id / (quantity - quantity) FROM orders", recorder);
        QueryReport report = recorder.finished.get(30, TimeUnit.SECONDS);
        String jobId = report.jobId().orElseThrow();
        assertThat(report.outcome()).as("the statement itself only submits").isEqualTo(Outcome.SUCCEEDED);
        Await.until("the job's failure to be told", Duration.ofSeconds(60), () -> seen, s -> s.stream()
                .anyMatch(h -> h.troubled() && h.failure().orElse("").contains("/ by zero")));
        Await.until("the history to say it fails", Duration.ofSeconds(10), () -> history.recent(10).stream()
                .filter(e -> jobId.equals(e.jobId())).findFirst().orElseThrow(), e -> e.outcome() == Outcome.FAILED);
        assertThat(history.recent(10)).filteredOn(e -> jobId.equals(e.jobId())).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("Flink job " + jobId).contains("/ by zero"));
    }
}
