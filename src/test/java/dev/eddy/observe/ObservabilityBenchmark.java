package dev.eddy.observe;

import dev.eddy.job.Job;
import dev.eddy.job.JobDraft;
import dev.eddy.job.JobGauges;
import dev.eddy.job.JobService;
import dev.eddy.job.JobSettings;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.support.Await;
import dev.eddy.support.EddyIntegrationTest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What watching costs: the collector's time and CPU per reading of every job's figures, the store
 * rows it writes per job and minute, the store's bytes per job for the whole retention, and the
 * chart queries for 14 days of one job (target ≤ 200 ms). Run with
 * {@code mvn -Pbenchmark verify -Dit.test=ObservabilityBenchmark}.
 */
@EddyIntegrationTest
class ObservabilityBenchmark {
    private static final int JOBS = 3;
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
    void whatCollectingKeepingAndChartingCost() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        List<Job> running = new ArrayList<>();
        try (SqlConsole setup = queries.openConsole("bench-observe")) {
            setup.collect("CREATE TABLE bench_sink_" + suffix + " (order_id BIGINT) WITH ('connector' = 'blackhole')", 1);
        }
        try {
            for (int i = 0; i < JOBS; i++) {
                running.add(jobs.deploy(new JobDraft("bench observe " + suffix + " " + i, "", "INSERT INTO bench_sink_" + suffix
                        + " SELECT order_id FROM orders", JobSettings.defaults())));
            }
            Await.until("every job running", Duration.ofSeconds(120), () -> running.stream()
                    .allMatch(j -> "RUNNING".equals(jobs.get(j.id()).state())), all -> all);
            collectorCost(running);
            storageAndQueries(running.get(0));
        } finally {
            for (Job j : running) {
                jobs.cancel(j.id());
            }
            for (Job j : running) {
                Await.until("the job to stop", Duration.ofSeconds(60), () -> jobs.get(j.id()).isActive(), a -> !a);
                jobs.delete(j.id());
            }
        }
    }

    private void collectorCost(List<Job> running) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long rowsBefore = rows(running);
        int reads = 20;
        long[] wall = new long[reads];
        long cpu = 0;
        for (int i = 0; i < reads; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            gauges.refresh();
            wall[i] = System.nanoTime() - t0;
            cpu += threads.getCurrentThreadCpuTime() - c0;
            sleep(1100);
        }
        long rowsPerRead = (rows(running) - rowsBefore) / reads / running.size();
        Arrays.sort(wall);
        System.out.printf("OBSERVE collector: %d running jobs, one reading of every job's figures (Flink REST + store): "
                + "median %.1f ms, max %.1f ms wall; %.1f ms CPU of Eddy's thread per reading (%.2f ms per job)%n",
                running.size(), wall[reads / 2] / 1e6, wall[reads - 1] / 1e6, cpu / 1e6 / reads, cpu / 1e6 / reads / running.size());
        System.out.printf("OBSERVE collector: %d rows per job per reading = %d rows per job per minute at the 15 s interval "
                + "(+ %d one-minute rows per job per minute)%n", rowsPerRead, rowsPerRead * 4, rowsPerRead);
    }

    private void storageAndQueries(Job job) {
        long before = tableBytes();
        // 14 days of one-minute averages and a day of readings for every figure: the most one job keeps.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        List<Object[]> rows = new ArrayList<>();
        for (String metric : MetricHistory.METRICS.keySet()) {
            for (int m = 1; m <= 14 * 1440; m++) {
                rows.add(new Object[] {job.id(), metric, MetricHistory.MINUTE, Timestamp.from(now.minus(m, ChronoUnit.MINUTES)),
                        Math.random() * 100});
            }
            for (int s = 1; s <= 5760; s++) {
                rows.add(new Object[] {job.id(), metric, MetricHistory.RAW, Timestamp.from(now.minusSeconds(15L * s + 7)),
                        Math.random() * 100});
            }
        }
        for (int i = 0; i < rows.size(); i += 10_000) {
            jdbc.batchUpdate("INSERT INTO metric_sample (job, metric, step, at, value) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    rows.subList(i, Math.min(rows.size(), i + 10_000)));
        }
        jdbc.execute("VACUUM ANALYZE metric_sample");
        long after = tableBytes();
        System.out.printf("OBSERVE storage: one job's full retention (%d figures: 14 days of one-minute averages and a day of "
                + "readings) = %,d rows, %.1f MB in metric_sample with its indexes%n", MetricHistory.METRICS.size(), rows.size(),
                (after - before) / 1e6);
        for (Duration range : List.of(Duration.ofDays(14), Duration.ofHours(6), Duration.ofHours(1))) {
            long[] took = new long[15];
            int points = 0;
            for (int i = 0; i < took.length; i++) {
                long t0 = System.nanoTime();
                points = history.history(job.id(), "records_in_per_second", range).size();
                took[i] = System.nanoTime() - t0;
            }
            Arrays.sort(took);
            System.out.printf("OBSERVE chart query: one figure over %s = %,d points: median %.1f ms, max %.1f ms "
                    + "(target ≤ 200 ms)%n", range, points, took[took.length / 2] / 1e6, took[took.length - 1] / 1e6);
        }
        long t0 = System.nanoTime();
        for (String metric : MetricHistory.METRICS.keySet()) {
            history.history(job.id(), metric, Duration.ofDays(14));
        }
        System.out.printf("OBSERVE chart query: every figure of the job over 14 days (the History tab's reads): %.1f ms%n",
                (System.nanoTime() - t0) / 1e6);
    }

    private long rows(List<Job> running) {
        return jdbc.queryForObject("SELECT count(*) FROM metric_sample WHERE job = ANY (?)", Long.class,
                (Object) running.stream().map(Job::id).toArray(Long[]::new));
    }

    private long tableBytes() {
        return jdbc.queryForObject("SELECT pg_total_relation_size('metric_sample')", Long.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
