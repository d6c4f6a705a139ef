package dev.eddy.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.job.Job;
import dev.eddy.job.JobDraft;
import dev.eddy.job.JobGauges;
import dev.eddy.job.JobService;
import dev.eddy.job.JobSettings;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.support.Await;
import dev.eddy.support.EddyIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A running job's figures kept in the store: every reading, one-minute averages, old ones dropped. */
@EddyIntegrationTest
class MetricHistoryIT {
    @Autowired
    JobGauges gauges;
    @Autowired
    MetricHistory history;
    @Autowired
    JobService jobs;
    @Autowired
    QueryService queries;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRunningJobsReadingsAreKeptAveragedPerMinuteAndDroppedAfterTheirRetention() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (SqlConsole setup = queries.openConsole("it-history")) {
            setup.collect("CREATE TABLE history_" + suffix + " (order_id BIGINT) WITH ('connector' = 'blackhole')", 1);
        }
        Job job = jobs.deploy(new JobDraft("history " + suffix, "", "INSERT INTO history_" + suffix
                + " SELECT order_id FROM orders", JobSettings.defaults()));
        try {
            List<MetricHistory.Point> read = Await.until("two readings of the job, records read", Duration.ofSeconds(90), () -> {
                gauges.refresh();
                return history.history(job.id(), "records_in_per_second", Duration.ofMinutes(15));
            }, points -> points.size() >= 2 && points.get(points.size() - 1).value() > 0);
            assertThat(read).isSortedAccordingTo(java.util.Comparator.comparing(MetricHistory.Point::at));
            // The Kafka source reports its pending records after its first fetch: a later reading has them.
            Await.until("a reading of the source's lag", Duration.ofSeconds(60), () -> {
                gauges.refresh();
                return history.history(job.id(), "source_lag_records", Duration.ofMinutes(15));
            }, points -> !points.isEmpty());

            // Two readings within a finished minute, and samples older than what is kept.
            Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.MINUTES);
            sample(job, MetricHistory.RAW, minute.plusSeconds(10), 2);
            sample(job, MetricHistory.RAW, minute.plusSeconds(40), 4);
            sample(job, MetricHistory.RAW, Instant.now().minus(2, ChronoUnit.DAYS), 9);
            sample(job, MetricHistory.MINUTE, Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES), 7);
            sample(job, MetricHistory.MINUTE, Instant.now().minus(15, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES), 5);
            history.retain();

            List<MetricHistory.Point> week = history.history(job.id(), "restarts", Duration.ofDays(7));
            assertThat(week).as("one-minute averages beyond 6 hours")
                    .contains(new MetricHistory.Point(minute, 3.0))
                    .anySatisfy(p -> assertThat(p.value()).isEqualTo(7.0));
            assertThat(count(job, MetricHistory.RAW, Instant.now().minus(1, ChronoUnit.DAYS)))
                    .as("readings older than a day are dropped").isZero();
            assertThat(count(job, MetricHistory.MINUTE, Instant.now().minus(14, ChronoUnit.DAYS)))
                    .as("averages older than two weeks are dropped").isZero();
            assertThat(history.history(job.id(), "restarts", Duration.ofMinutes(15)))
                    .as("up to 6 hours, every reading").contains(new MetricHistory.Point(minute.plusSeconds(10), 2.0));

            assertThatThrownBy(() -> history.history(job.id(), "heap", Duration.ofHours(1)))
                    .hasMessageStartingWith("There is no history of 'heap': ask for one of records_in_per_second,");
            assertThatThrownBy(() -> history.history(job.id(), "restarts", Duration.ofDays(30)))
                    .hasMessage("A range of PT720H is not kept: ask for 1 minute (PT1M) to 14 days (P14D).");
        } finally {
            jobs.cancel(job.id());
            Await.until("the job to stop", Duration.ofSeconds(60), () -> jobs.get(job.id()).isActive(), active -> !active);
            jobs.delete(job.id());
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM metric_sample WHERE job = ?", Long.class, job.id()))
                .as("a deleted job's history goes with it").isZero();
    }

    private void sample(Job job, int step, Instant at, double value) {
        jdbc.update("INSERT INTO metric_sample (job, metric, step, at, value) VALUES (?, 'restarts', ?, ?, ?)",
                job.id(), step, Timestamp.from(at), value);
    }

    private long count(Job job, int step, Instant before) {
        return jdbc.queryForObject("SELECT count(*) FROM metric_sample WHERE job = ? AND step = ? AND at < ?", Long.class,
                job.id(), step, Timestamp.from(before));
    }
}
