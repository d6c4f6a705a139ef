package dev.eddy.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.cluster.JobManagerClient;
import dev.eddy.config.Endpoints;
import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.GatewaySessions;
import dev.eddy.security.AuditLog;
import dev.eddy.security.SqlPolicy;
import dev.eddy.gateway.ResultColumn;
import dev.eddy.gateway.ResultRow.RowKind;
import dev.eddy.support.Await;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.RecordingListener;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Console statements on the real stack: streaming, materializing, caps, stopping, errors, history. */
@EddyIntegrationTest
class QueryServiceIT {
    @Autowired
    QueryService queries;
    @Autowired
    JobManagerClient jobManager;
    @Autowired
    StatementHistory history;
    @Autowired
    Endpoints endpoints;

    SqlConsole console;

    @AfterEach
    void closeConsole() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void stoppingAStreamingQueryCancelsItsFlinkJob() throws Exception {
        console = queries.openConsole("it-stop");
        RecordingListener recorder = new RecordingListener();
        RunningQuery query = console.run("SELECT * FROM orders;", recorder);
        Await.until("live sample orders to arrive", Duration.ofSeconds(60), recorder::changes, n -> n >= 2);
        query.stop();
        QueryReport report = recorder.finished.get(30, TimeUnit.SECONDS);
        String jobId = report.jobId().orElseThrow();
        assertThat(report.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(report.query()).isTrue();
        assertThat(recorder.columns.get()).extracting(ResultColumn::name).startsWith("order_id", "customer_id");
        assertThat(recorder.progressCalls.get()).as("rows reach the listener in batches").isPositive();
        Await.until("the job to be cancelled", Duration.ofSeconds(30), () -> jobManager.job(jobId).state(),
                state -> !state.equals("RUNNING") && !state.equals("CANCELLING"));
        assertThat(history.recent(20)).anySatisfy(e -> {
            assertThat(e.statement()).isEqualTo("SELECT * FROM orders");
            assertThat(e.outcome()).isEqualTo(Outcome.STOPPED);
        });
    }

    @Test
    void aPersonRunsAtMostTheirShareOfQueriesAndTheNextIsToldWhatToStop() throws Exception {
        int max = queries.limits().maxRunningPerUser();
        java.util.List<SqlConsole> consoles = new java.util.ArrayList<>();
        java.util.List<RunningQuery> running = new java.util.ArrayList<>();
        java.util.List<RecordingListener> listeners = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < max; i++) {
                SqlConsole c = queries.openConsole("it-share-" + i);
                consoles.add(c);
                RecordingListener l = new RecordingListener();
                listeners.add(l);
                running.add(c.run("SELECT order_id FROM orders", l));
            }
            // Each runs, or waits for a task slot (the cluster has fewer than ten): all ten count.
            for (int i = 0; i < max; i++) {
                RecordingListener l = listeners.get(i);
                RunningQuery q = running.get(i);
                Await.until("query " + i + " to run or wait for a slot", Duration.ofSeconds(60),
                        () -> l.columns.get() != null || q.stream().waitingFor().isPresent(), ready -> ready);
            }
            console = queries.openConsole("it-share-over");
            RecordingListener over = new RecordingListener();
            console.run("SELECT 1", over);
            GatewayException refused = over.failed.get(30, TimeUnit.SECONDS);
            assertThat(refused.getMessage()).isEqualTo("admin runs " + max
                    + " statements already, the most one person may run at once");
            assertThat(refused.hint()).hasValueSatisfying(h -> assertThat(h).contains("Stop a query in another script tab"));
        } finally {
            running.forEach(RunningQuery::stop);
            consoles.forEach(SqlConsole::close);
        }
        Await.until("their jobs to be cancelled", Duration.ofSeconds(60),
                () -> jobManager.jobs().stream().filter(dev.eddy.cluster.JobSummary::isRunning).count(), n -> n == 0);
    }

    @Test
    void capsBoundWhatAFastStreamKeeps() throws Exception {
        console = queries.openConsole("it-caps");
        RecordingListener setup = new RecordingListener();
        console.run("CREATE TEMPORARY TABLE fast (n BIGINT) WITH ('connector' = 'datagen', "
                + "'rows-per-second' = '2000', 'fields.n.kind' = 'sequence', 'fields.n.start' = '1', "
                + "'fields.n.end' = '100000000')", setup);
        setup.finished.get(30, TimeUnit.SECONDS);
        RecordingListener recorder = new RecordingListener();
        RunningQuery query = console.run("SELECT n FROM fast", recorder);
        Await.until("well over the caps", Duration.ofSeconds(60), recorder::changes, n -> n > 500);
        query.stop();
        recorder.finished.get(30, TimeUnit.SECONDS);
        ResultStats stats = recorder.stream.get().stats();
        int tableCap = queries.limits().maxTableRows();
        int changelogCap = queries.limits().maxChangelogEntries();
        assertThat(stats.tableRows()).isEqualTo(tableCap);
        assertThat(stats.changelogEntries()).isEqualTo(changelogCap);
        assertThat(stats.droppedRows()).isEqualTo(stats.changes() - tableCap);
        assertThat(stats.droppedChanges()).isEqualTo(stats.changes() - changelogCap);
        List<Change> kept = recorder.stream.get().changes();
        assertThat(kept.get(kept.size() - 1).row().get(0)).as("the latest changes are the ones kept")
                .isEqualTo(stats.changes());
    }

    @Test
    void streamingAggregateMaterializesToWhatBatchModeComputes() throws Exception {
        // The live sample topic, read up to an offset fixed now: both runs see exactly the same orders.
        long end;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                endpoints.kafkaBootstrapServers()))) {
            TopicPartition orders = new TopicPartition("orders", 0);
            end = Await.until("some sample orders", Duration.ofSeconds(60), () -> {
                try {
                    return admin.listOffsets(Map.of(orders, OffsetSpec.latest())).partitionResult(orders)
                            .get(10, TimeUnit.SECONDS).offset();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, offset -> offset >= 20);
        }
        String ddl = """
                CREATE TEMPORARY TABLE facts (status STRING, quantity INT) WITH (
                  'connector' = 'kafka', 'topic' = 'orders', 'properties.bootstrap.servers' = '%s',
                  'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'specific-offsets',
                  'scan.bounded.specific-offsets' = 'partition:0,offset:%d', 'format' = 'json')"""
                .formatted(endpoints.kafkaBootstrapServers(), end);
        String aggregate = "SELECT status, COUNT(*) AS orders, SUM(quantity) AS items FROM facts GROUP BY status";

        console = queries.openConsole("it-agg-streaming");
        run(console, ddl);
        RecordingListener streaming = new RecordingListener();
        console.run(aggregate, streaming);
        assertThat(streaming.finished.get(90, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.SUCCEEDED);
        ResultStats stats = streaming.stream.get().stats();
        assertThat(stats.updatesBefore()).as("a streaming aggregate retracts and updates").isPositive();

        try (SqlConsole batch = queries.openConsole("it-agg-batch")) {
            run(batch, ddl);
            run(batch, "SET 'execution.runtime-mode' = 'batch'");
            RecordingListener batched = new RecordingListener();
            batch.run(aggregate, batched);
            batched.finished.get(90, TimeUnit.SECONDS);
            assertThat(batched.stream.get().changes()).allMatch(c -> c.kind() == RowKind.INSERT);
            assertThat(new HashSet<>(streaming.stream.get().tableRows()))
                    .isEqualTo(new HashSet<>(batched.stream.get().tableRows()))
                    .isNotEmpty();
        }
    }

    @Test
    void aQueryStopsAtTheTimeLimitAndGivesItsSlotBackUnlessItsUserKeepsItRunning(
            @Autowired GatewaySessions sessions, @Autowired StatementJobs statementJobs,
            @Autowired org.springframework.beans.factory.ObjectProvider<StatementCheck> checks,
            @Autowired SqlPolicy policy, @Autowired AuditLog audit) throws Exception {
        QueryProperties limited = new QueryProperties(50, 80, Duration.ofSeconds(4), Duration.ofMillis(250), 10,
                org.springframework.util.unit.DataSize.ofMegabytes(64));
        try (QueryService withLimit = new QueryService(sessions, history, limited, statementJobs, checks, policy, audit);
             SqlConsole a = withLimit.openConsole("it-limit-a");
             SqlConsole b = withLimit.openConsole("it-limit-b")) {
            RecordingListener limitedRun = new RecordingListener();
            RecordingListener keptRun = new RecordingListener();
            RunningQuery forgotten = a.run("SELECT order_id FROM orders", limitedRun);
            RunningQuery watched = b.run("SELECT order_id FROM orders", keptRun);
            assertThat(forgotten.stopsAt()).isPresent();
            watched.keepRunning();
            assertThat(watched.stopsAt()).isEmpty();

            QueryReport report = limitedRun.finished.get(60, TimeUnit.SECONDS);
            assertThat(report.outcome()).isEqualTo(Outcome.STOPPED);
            assertThat(report.timeLimited()).isTrue();
            String jobId = report.jobId().orElseThrow();
            Await.until("the limited query's job to be cancelled", Duration.ofSeconds(30),
                    () -> jobManager.job(jobId).state(), state -> !state.equals("RUNNING") && !state.equals("CANCELLING"));
            assertThat(history.recent(20)).anySatisfy(e -> assertThat(e.message()).isEqualTo("stopped by the time limit of 4 s"));

            Thread.sleep(2_000);
            assertThat(watched.isDone()).as("the query its user keeps running goes on past the limit").isFalse();
            watched.stop();
            assertThat(keptRun.finished.get(30, TimeUnit.SECONDS).timeLimited()).isFalse();
        }
    }

    @Test
    void ddlReportsSuccessWithoutRows() throws Exception {
        console = queries.openConsole("it-ddl");
        RecordingListener recorder = new RecordingListener();
        console.run("CREATE TEMPORARY VIEW big_orders AS SELECT * FROM orders WHERE quantity > 2", recorder);
        QueryReport report = recorder.finished.get(30, TimeUnit.SECONDS);
        assertThat(report.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(report.query()).isFalse();
    }

    @Test
    void errorReachesTheListenerAndTheHistory() throws Exception {
        console = queries.openConsole("it-error");
        RecordingListener recorder = new RecordingListener();
        console.run("SELECT nosuchcolumn FROM orders", recorder);
        GatewayException error = recorder.failed.get(30, TimeUnit.SECONDS);
        assertThat(error.getMessage()).isEqualTo("Column 'nosuchcolumn' not found in any table");
        assertThat(history.recent(20)).anySatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(e.message()).contains("nosuchcolumn");
        });
    }

    private static void run(SqlConsole console, String statement) throws Exception {
        RecordingListener done = new RecordingListener();
        console.run(statement, done);
        done.finished.get(30, TimeUnit.SECONDS);
    }
}
