package dev.eddy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class TaskFailureLogTest {
    private static final String VERTEX = "cbc357ccb763df2852fee8c4fc7d55f2";
    private static final Logger TASK = LoggerFactory.getLogger("org.apache.flink.runtime.taskmanager.Task");

    @Test
    void aTaskFailureLoggedAfterAnotherAppResetTheLoggingIsStillHeard() throws Exception {
        TaskFailureLog log = new TaskFailureLog();
        try {
            Instant since = Instant.now().minusSeconds(1);
            // Every Spring Boot application that starts in this JVM stops and resets Logback, which
            // detaches and stops every appender and drops every listener: the failure that follows
            // a moment later must still be heard.
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            context.stop();
            context.reset();
            Thread.sleep(1500);
            TASK.warn("Sink: totals (1/1)#0 (0a448493b4782967b2a2ea8ccc8ea2a0_" + VERTEX
                    + "_0_0) switched from RUNNING to FAILED with failure cause:",
                    new IllegalStateException("relation \"totals_1\" does not exist"));

            assertThat(log.firstFailure(Set.of(VERTEX), since))
                    .hasValueSatisfying(f -> assertThat(f.trace()).contains("totals_1\" does not exist"));
        } finally {
            log.detach();
            restoreLogging();
        }
    }

    private static void restoreLogging() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        try {
            new ch.qos.logback.classic.util.ContextInitializer(context).autoConfig();
        } catch (ch.qos.logback.core.joran.spi.JoranException e) {
            throw new IllegalStateException(e);
        }
    }
}
