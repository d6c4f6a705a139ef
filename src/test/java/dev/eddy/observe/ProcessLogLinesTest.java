package dev.eddy.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessLogLinesTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void eddysProcessLinesGiveTheirTimeLevelThreadJobAndLoggerAndAStackTraceJoinsItsLine() {
        List<LogRecord> records = ProcessLogLines.parse("TaskManager 1", null, List.of(
                "2026-12-01T05:12:03.123+01:00 WARN  [Sink: totals (1/1)#3] job=0123abcd org.apache.flink.runtime.taskmanager.Task - Sink failed",
                "java.io.IOException: refused",
                "\tat org.example.Sink.write(Sink.java:10)",
                "2026-12-01T05:12:04.000Z INFO  [main] o.a.f.r.t.TaskExecutor - Registered"), NOW);
        assertThat(records).hasSize(2);
        LogRecord failed = records.get(0);
        assertThat(failed.at()).isEqualTo(Instant.parse("2026-12-01T04:12:03.123Z"));
        assertThat(failed.level()).isEqualTo("WARN");
        assertThat(failed.thread()).isEqualTo("Sink: totals (1/1)#3");
        assertThat(failed.flinkJobId()).isEqualTo("0123abcd");
        assertThat(failed.logger()).isEqualTo("org.apache.flink.runtime.taskmanager.Task");
        assertThat(failed.message()).isEqualTo("Sink failed");
        assertThat(failed.error()).isEqualTo("java.io.IOException: refused\n\tat org.example.Sink.write(Sink.java:10)");
        assertThat(failed.process()).isEqualTo("TaskManager 1");
        assertThat(records.get(1).flinkJobId()).isNull();
        assertThat(records.get(1).error()).isNull();
    }

    @Test
    void flinksDefaultPatternFromARemoteClusterIsReadToo() {
        LogRecord r = ProcessLogLines.parse("JobManager", null, List.of(
                "2026-12-01 05:12:03,123 INFO  org.apache.flink.runtime.dispatcher.StandaloneDispatcher     [] - Job submitted"),
                NOW).get(0);
        assertThat(r.at()).isEqualTo(Instant.parse("2026-12-01T05:12:03.123Z"));
        assertThat(r.level()).isEqualTo("INFO");
        assertThat(r.logger()).isEqualTo("org.apache.flink.runtime.dispatcher.StandaloneDispatcher");
        assertThat(r.message()).isEqualTo("Job submitted");
    }

    @Test
    void aLineOfNoKnownShapeBeforeAnyRecordIsKeptWholeAsInfoOfNow() {
        LogRecord r = ProcessLogLines.parse("TaskManager 2", null, List.of("Starting TaskManager"), NOW).get(0);
        assertThat(r.message()).isEqualTo("Starting TaskManager");
        assertThat(r.level()).isEqualTo("INFO");
        assertThat(r.at()).isEqualTo(NOW);
    }

    @Test
    void aRecordIsShippedAsOneDocumentWithoutTheFieldsNobodyKnows() throws Exception {
        LogRecord r = new LogRecord(Instant.parse("2026-12-01T05:12:03.123Z"), "ERROR", "Eddy", "vm", "dev.eddy.X", "main",
                "said \"no\"", null, "0123", "totals");
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.json());
        assertThat(doc.path("@timestamp").asText()).isEqualTo("2026-12-01T05:12:03.123Z");
        assertThat(doc.path("message").asText()).isEqualTo("said \"no\"");
        assertThat(doc.path("job").asText()).isEqualTo("totals");
        assertThat(doc.has("error")).isFalse();
        assertThat(r.atLeast("WARN")).isTrue();
        assertThat(r.atLeast("ERROR")).isTrue();
        assertThat(new LogRecord(Instant.EPOCH, "INFO", "Eddy", null, null, null, "m", null, null, null).atLeast("WARN")).isFalse();
    }
}
