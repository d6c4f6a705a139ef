package dev.eddy.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.eddy.observe.JobLogLine;
import dev.eddy.observe.JobLogs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lines Eddy's Flink processes write are the lines the job page's Logs tab reads back. */
class ProcessLogPatternTest {

    private static String format(Map<String, String> mdc, String message) {
        LoggerContext context = new LoggerContext();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(FlinkConfigFile.logPattern());
        layout.start();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("org.apache.flink.runtime.taskmanager.Task"), Level.WARN,
                message, null, null);
        event.setThreadName("Source: orders (1/1)#0");
        event.setMDCPropertyMap(mdc);
        return layout.doLayout(event).strip();
    }

    @Test
    void aLineAJobsThreadLogsNamesTheJobAndReadsBackWithItsTimeLevelAndMessage() {
        String line = format(Map.of("flink-job-id", "3af4ebe16f52d471d18984e28cb5a27d"), "switched from RUNNING to FAILED");
        assertThat(line).contains(" WARN  [Source: orders (1/1)#0] job=3af4ebe16f52d471d18984e28cb5a27d o.a.flink.runtime.taskmanager.Task - ");
        JobLogLine read = JobLogs.parse("TaskManager 1", line);
        assertThat(read.at()).isNotNull();
        assertThat(read.level()).isEqualTo("WARN");
        assertThat(read.logger()).isEqualTo("o.a.flink.runtime.taskmanager.Task");
        assertThat(read.message()).isEqualTo("switched from RUNNING to FAILED");
        assertThat(read.process()).isEqualTo("TaskManager 1");
    }

    @Test
    void aLineOfNoJobHasNoJobMarkAndALineOfAnotherShapeIsKeptWhole() {
        assertThat(format(Map.of(), "started")).doesNotContain("job=").contains("] o.a.flink.runtime.taskmanager.Task - started");
        assertThat(JobLogs.parse("JobManager", "\tat org.apache.flink.Foo.bar(Foo.java:1)"))
                .isEqualTo(new JobLogLine(null, "", "JobManager", "", "\tat org.apache.flink.Foo.bar(Foo.java:1)"));
    }
}
