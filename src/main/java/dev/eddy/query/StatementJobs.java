package dev.eddy.query;

import dev.eddy.cluster.ClusterException;
import dev.eddy.cluster.ClusterSnapshot;
import dev.eddy.cluster.JobSummary;
import dev.eddy.cluster.JobFailures;
import dev.eddy.cluster.JobHealth;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Follows the Flink job behind each statement the console started (a SELECT's, an INSERT's), so a
 * job that fails or restarts is known within seconds: the gateway's result pages only stay empty.
 * Each watcher hears about every change of state, restarts or failure, until it ends or is dropped.
 */
@Component
public class StatementJobs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatementJobs.class);
    private static final Duration EVERY = Duration.ofSeconds(1);
    /** A job Flink no longer knows after this many looks is let go (cancelled and gone from its history). */
    private static final int MISSES = 5;
    /** A job running steadily is still asked about this often, in looks: a failure Flink keeps to itself shows within 10 s. */
    private static final int QUIET_LOOKS = 10;
    private final JobFailures failures;
    private final ClusterSnapshot cluster;
    private final Map<Watch, Boolean> watches = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(dev.eddy.config.DaemonThreads.named("eddy-statement-jobs"));

    public StatementJobs(JobFailures failures, ClusterSnapshot cluster) {
        this.failures = failures;
        this.cluster = cluster;
        ticker.scheduleWithFixedDelay(this::tick, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A job being followed; {@link #close()} stops following it. */
    public final class Watch implements AutoCloseable {
        private final String jobId;
        private final Consumer<JobHealth> onChange;
        private JobHealth last;
        private int misses;
        private String lastMark;
        private int quiet;

        private Watch(String jobId, Consumer<JobHealth> onChange) {
            this.jobId = jobId;
            this.onChange = onChange;
        }

        public String jobId() {
            return jobId;
        }

        @Override
        public void close() {
            watches.remove(this);
        }

        /**
         * Reads the job's health from Flink only when the shared snapshot shows something new of it
         * (its state, or tasks waiting or fewer running), or after {@link #QUIET_LOOKS} quiet looks:
         * a job running steadily costs no call of its own.
         */
        private void look(ClusterSnapshot.Snapshot snapshot) {
            if (last != null && snapshot.answered()) {
                java.util.Optional<JobSummary> seen = snapshot.job(jobId);
                String mark = seen.map(j -> j.state() + "/" + j.waitingTasks() + "/" + j.runningTasks()).orElse("?");
                boolean steady = seen.isPresent() && "RUNNING".equals(seen.get().state()) && seen.get().waitingTasks() == 0
                        && !last.troubled() && last.waiting().isEmpty();
                if (steady && mark.equals(lastMark) && ++quiet < QUIET_LOOKS) {
                    return;
                }
                lastMark = mark;
            }
            quiet = 0;
            JobHealth now;
            try {
                now = failures.health(jobId);
                misses = 0;
            } catch (ClusterException e) {
                if (++misses >= MISSES) {
                    close();
                }
                return;
            }
            if (!now.equals(last)) {
                last = now;
                onChange.accept(now);
            }
            if (now.ended()) {
                close();
            }
        }
    }

    /** Follows a Flink job; {@code onChange} hears its health on the watcher's thread whenever it changes. */
    public Watch watch(String flinkJobId, Consumer<JobHealth> onChange) {
        Watch watch = new Watch(flinkJobId, onChange);
        watches.put(watch, Boolean.TRUE);
        return watch;
    }

    /** How many jobs are followed now. */
    public int watching() {
        return watches.size();
    }

    private void tick() {
        if (watches.isEmpty()) {
            return;
        }
        ClusterSnapshot.Snapshot snapshot = cluster.latest();
        for (Watch watch : watches.keySet()) {
            try {
                watch.look(snapshot);
            } catch (RuntimeException e) {
                log.warn("Could not follow Flink job {}: {}", watch.jobId, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        watches.clear();
    }
}
