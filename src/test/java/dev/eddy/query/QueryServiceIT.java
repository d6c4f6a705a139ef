package dev.eddy.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.cluster.JobManagerClient;
import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.ResultColumn;
import dev.eddy.support.Await;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.RecordingListener;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Console statements on the real stack: streaming, stopping, errors, and the history they leave. */
@EddyIntegrationTest
class QueryServiceIT {
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
    }

    @Test
    void stoppingAStreamingQueryCancelsItsFlinkJob() throws Exception {
        console = queries.openConsole("it-stop");
        RecordingListener recorder = new RecordingListener();
        RunningQuery query = console.run("SELECT * FROM orders;", recorder);
        Await.until("live sample orders to arrive", Duration.ofSeconds(60), recorder.rows::size, n -> n >= 2);
        query.stop();
        QueryReport report = recorder.finished.get(30, TimeUnit.SECONDS);
        String jobId = report.jobId().orElseThrow();
        assertThat(report.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(report.query()).isTrue();
        assertThat(recorder.columns.get()).extracting(ResultColumn::name).startsWith("order_id", "customer_id");
        Await.until("the job to be cancelled", Duration.ofSeconds(30), () -> jobManager.job(jobId).state(),
                state -> !state.equals("RUNNING") && !state.equals("CANCELLING"));
        assertThat(history.recent(20)).anySatisfy(e -> {
            assertThat(e.statement()).isEqualTo("SELECT * FROM orders");
            assertThat(e.outcome()).isEqualTo(Outcome.STOPPED);
        });
    }

    @Test
    void streamingQueryStopsAtTheRowCap() throws Exception {
        console = queries.openConsole("it-cap");
        RecordingListener recorder = new RecordingListener();
        int cap = queries.maxRows();
        console.run("SELECT * FROM (VALUES (1), (2), (3)) AS t(x) UNION ALL SELECT order_id FROM orders",
                recorder);
        // The cap is large in production; here three literal rows plus live orders must still stop at it.
        QueryReport report = recorder.finished.get(cap > 1000 ? 600 : 120, TimeUnit.SECONDS);
        assertThat(report.capped()).isTrue();
        assertThat(recorder.rows).hasSize(cap);
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
}
