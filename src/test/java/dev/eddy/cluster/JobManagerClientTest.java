package dev.eddy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What Flink's REST API says when it refuses, as a person reads it: no stack trace. */
class JobManagerClientTest {

    @Test
    void aServerSideExceptionIsToldByItsDeepestCauseWithoutTheTrace() {
        String body = "{\"errors\":[\"Internal server error.\",\"<Exception on server side:\\n"
                + "org.apache.flink.runtime.rest.handler.RestHandlerException: Could not retrieve the log list.\\n"
                + "\\tat org.apache.flink.runtime.rest.handler.taskmanager.TaskManagerLogListHandler.lambda$0(X.java:10)\\n"
                + "Caused by: org.apache.flink.util.FlinkException: The file LOG does not exist on the TaskExecutor.\\n"
                + "\\tat org.apache.flink.runtime.taskexecutor.TaskExecutor.requestLogList(TaskExecutor.java:1)\\n"
                + "\\t... 7 more\\n\\nEnd of exception on server side>\"]}";
        assertThat(JobManagerClient.said(body)).isEqualTo("The file LOG does not exist on the TaskExecutor. (FlinkException)");
    }

    @Test
    void aPlainRefusalIsToldAsItIs() {
        assertThat(JobManagerClient.said("{\"errors\":[\"Job 42 not found\"]}")).isEqualTo("Job 42 not found");
        assertThat(JobManagerClient.said("<html>Bad Gateway</html>")).isEqualTo("(an answer that is not Flink's JSON)");
        assertThat(JobManagerClient.said("{\"errors\":[\"Internal server error.\"]}")).isEqualTo("no details");
        assertThat(JobManagerClient.said("{\"errors\":[\"" + "x".repeat(400) + "\"]}")).hasSize(301).endsWith("…");
    }
}
