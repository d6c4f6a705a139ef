package dev.eddy.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.job.Job;
import dev.eddy.job.JobDraft;
import dev.eddy.job.JobService;
import dev.eddy.job.JobSettings;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.support.Await;
import dev.eddy.support.EddyIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A job's own log lines, told apart from the other jobs' and from the rest of Eddy's log. */
@EddyIntegrationTest
class JobLogsIT {
    @Autowired
    JobLogs logs;
    @Autowired
    JobService jobs;
    @Autowired
    QueryService queries;

    @Test
    void aRunningJobsLogHoldsItsOwnTasksLinesAndNoneOfAnotherJobs() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (SqlConsole setup = queries.openConsole("it-job-logs")) {
            setup.collect("CREATE TABLE logs_sink_" + suffix + " (order_id BIGINT) WITH ('connector' = 'blackhole')", 1);
        }
        Job one = jobs.deploy(new JobDraft("logs one " + suffix, "", "INSERT INTO logs_sink_" + suffix
                + " SELECT order_id FROM orders", JobSettings.defaults()));
        Job two = jobs.deploy(new JobDraft("logs two " + suffix, "", "INSERT INTO logs_sink_" + suffix
                + " SELECT order_id + 1 FROM orders", JobSettings.defaults()));
        try {
            // Both jobs' Kafka sources warn once as they start (Eddy logs Flink from WARN up): each job has its own.
            String started = "Offset commit on checkpoint is disabled";
            Await.until("the other job's source started", Duration.ofSeconds(90), () -> logs.lines(jobs.get(two.id()), 200),
                    l -> l.stream().anyMatch(x -> x.message().startsWith(started)));
            List<JobLogLine> lines = Await.until("the job's source started, as its log says", Duration.ofSeconds(90),
                    () -> logs.lines(jobs.get(one.id()), 200), l -> l.stream().anyMatch(x -> x.message().startsWith(started)));
            assertThat(lines).filteredOn(l -> l.message().startsWith(started)).as("its own line, not the other job's")
                    .singleElement().satisfies(l -> assertThat(l.logger()).endsWith("KafkaSourceReader"));
            assertThat(lines).allSatisfy(l -> {
                assertThat(l.at()).isNotNull();
                assertThat(l.process()).isEqualTo("Eddy (embedded Flink)");
                assertThat(l.level()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            });
            assertThat(lines).noneMatch(l -> l.message().contains("logs two"));
            assertThat(lines).isSortedAccordingTo(java.util.Comparator.comparing(JobLogLine::at));
            assertThat(logs.lines(jobs.get(one.id()), 3)).hasSizeLessThanOrEqualTo(3);
        } finally {
            for (Job j : List.of(one, two)) {
                jobs.cancel(j.id());
            }
            for (Job j : List.of(one, two)) {
                Await.until("the job to stop", Duration.ofSeconds(60), () -> jobs.get(j.id()).isActive(), a -> !a);
                jobs.delete(j.id());
            }
        }
    }
}
