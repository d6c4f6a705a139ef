package dev.eddy.observe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;

/** The job log tap keeps each job's lines apart, and outlives logging being set up again. */
class JobLogTapTest {

    private static LoggerContext context() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        return context;
    }

    private static void log(LoggerContext context, String job, String message) {
        // A context of its own has its own logging context (MDC) too.
        context.getMDCAdapter().put(JobLogTap.JOB_ID, job);
        try {
            context.getLogger("org.apache.flink.runtime.taskmanager.Task").warn(message);
        } finally {
            context.getMDCAdapter().remove(JobLogTap.JOB_ID);
        }
    }

    @Test
    void eachJobsLinesAreKeptApartAndLinesOfNoJobAreNotKept() {
        LoggerContext context = context();
        try (JobLogTap tap = new JobLogTap(context)) {
            log(context, "a", "one");
            log(context, "b", "two");
            context.getLogger("x").warn("no job");
            assertThat(tap.lines("a", 10)).extracting(JobLogLine::message).containsExactly("one");
            assertThat(tap.lines("b", 10)).extracting(JobLogLine::message).containsExactly("two");
            assertThat(tap.lines("c", 10)).isEmpty();
        }
    }

    @Test
    void aLinesExceptionIsKeptWithItsFirstFramesAndTheApiShowsItWithoutThem() {
        LoggerContext context = context();
        try (JobLogTap tap = new JobLogTap(context)) {
            context.getMDCAdapter().put(JobLogTap.JOB_ID, "a");
            context.getLogger("x").warn("failed", new IllegalStateException("outer", new java.io.IOException("inner")));
            context.getMDCAdapter().remove(JobLogTap.JOB_ID);
            String message = tap.lines("a", 1).get(0).message();
            assertThat(message).startsWith("failed\njava.lang.IllegalStateException: outer\n\tat ")
                    .contains("Caused by: java.io.IOException: inner");
            assertThat(tap.lines("a", 1).get(0).withoutFrames().message())
                    .isEqualTo("failed\njava.lang.IllegalStateException: outer\nCaused by: java.io.IOException: inner");
        }
    }

    @Test
    void linesAreKeptAfterLoggingIsStoppedAndResetAsSpringDoesForAnotherContext() throws Exception {
        LoggerContext context = context();
        try (JobLogTap tap = new JobLogTap(context)) {
            // What Spring Boot's LogbackLoggingSystem does before it loads a configuration again.
            context.stop();
            context.reset();
            Thread.sleep(1_500);
            log(context, "a", "after the reset");
            assertThat(tap.lines("a", 10)).extracting(JobLogLine::message).containsExactly("after the reset");
        }
    }
}
