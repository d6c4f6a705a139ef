package dev.eddy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureCauseTest {

    @Test
    void putsTheRootCauseFirstAndDropsFramesAndPackages() {
        String trace = """
                org.apache.flink.runtime.JobException: Recovery is suppressed by NoRestartBackoffTimeStrategy
                \tat org.apache.flink.runtime.executiongraph.failover.ExecutionFailureHandler.handleFailure(ExecutionFailureHandler.java:219)
                \tat java.base/java.lang.Thread.run(Thread.java:840)
                Caused by: java.io.IOException: Writing records to JDBC failed.
                \tat org.apache.flink.connector.jdbc.internal.JdbcOutputFormat.flush(JdbcOutputFormat.java:210)
                \t... 12 more
                Caused by: org.postgresql.util.PSQLException: ERROR: relation "public.order_totals" does not exist
                  Position: 13
                \tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2733)
                \t... 20 more
                """;
        FailureCause cause = FailureCause.of(trace);
        assertThat(cause.root()).isEqualTo("ERROR: relation \"public.order_totals\" does not exist Position: 13 (PSQLException)");
        assertThat(cause.context()).containsExactly("Writing records to JDBC failed.",
                "Recovery is suppressed by NoRestartBackoffTimeStrategy");
        assertThat(cause.text()).startsWith("ERROR: relation").contains(" — while: Writing records to JDBC failed.");
    }

    @Test
    void aFailureInAChainedOperatorIsNotBlamedOnTheSourcesFormat() {
        String trace = """
                java.io.IOException: Failed to deserialize consumer record due to
                \tat org.apache.flink.connector.kafka.source.reader.KafkaRecordEmitter.emitRecord(KafkaRecordEmitter.java:56)
                Caused by: java.io.IOException: Failed to deserialize JSON '{"order_id":600,"quantity":4,"status":"PAID"}'.
                \tat org.apache.flink.formats.json.JsonParserRowDataDeserializationSchema.deserialize(X.java:1)
                Caused by: org.apache.flink.streaming.runtime.tasks.ExceptionInChainedOperatorException: Could not forward element to next operator
                \tat org.apache.flink.streaming.runtime.tasks.CopyingChainingOutput.pushToOperator(CopyingChainingOutput.java:92)
                Caused by: java.lang.ArithmeticException: / by zero
                \tat StreamExecCalc$5.processElement(Unknown Source)
                """;
        assertThat(FailureCause.summarize(trace)).isEqualTo("/ by zero (ArithmeticException)");
    }

    @Test
    void theChainListsEveryCauseRootFirst() {
        String trace = String.join("\n", "org.apache.flink.table.gateway.api.utils.SqlGatewayException: Failed to fetchResults.",
                "\tat org.apache.flink.table.gateway.rest.handler.statement.FetchResultsHandler.handleRequest(X.java:91)",
                "Caused by: org.apache.flink.table.api.ValidationException: Unable to create a source for reading table 't'.",
                "\tat a.b(C.java:1)",
                "Caused by: java.lang.IllegalArgumentException: Either all or none of the following options should be provided:",
                "username",
                "password");
        assertThat(FailureCause.chain(trace)).containsExactly(
                "IllegalArgumentException: Either all or none of the following options should be provided: username password",
                "ValidationException: Unable to create a source for reading table 't'.",
                "SqlGatewayException: Failed to fetchResults.");
    }

    @Test
    void aWrapperThatRepeatsItsCauseIsSaidOnce() {
        String trace = """
                java.lang.RuntimeException: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment.
                \tat x.y(Z.java:1)
                Caused by: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment.
                """;
        assertThat(FailureCause.summarize(trace)).isEqualTo("Timed out waiting for a node assignment. (TimeoutException)");
    }

    @Test
    void textWithoutAStackTraceIsKeptAsItIs() {
        assertThat(FailureCause.summarize("The job was cancelled by the user")).isEqualTo("The job was cancelled by the user");
        assertThat(FailureCause.summarize("")).isEqualTo("Flink gave no reason");
    }

    @Test
    void aTaskManagerShuttingDownIsAConsequenceNotACause() {
        assertThat(FailureCause.isConsequence("org.apache.flink.util.FlinkExpectedException: The TaskExecutor is shutting down.")).isTrue();
        assertThat(FailureCause.isConsequence("org.postgresql.util.PSQLException: ERROR: relation \"t\" does not exist")).isFalse();
    }
}
