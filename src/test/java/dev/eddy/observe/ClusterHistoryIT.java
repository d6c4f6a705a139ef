package dev.eddy.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.cluster.ClusterService;
import dev.eddy.job.JobGauges;
import dev.eddy.observe.alert.AlertCondition;
import dev.eddy.observe.alert.AlertRule;
import dev.eddy.observe.alert.AlertService;
import dev.eddy.observe.alert.ChannelDraft;
import dev.eddy.observe.alert.ChannelKind;
import dev.eddy.observe.alert.Severity;
import dev.eddy.support.Await;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.WebhookReceiver;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The cluster's heap, CPU and slots kept over time, downsampled and trimmed; heap rules fire per process. */
@EddyIntegrationTest
class ClusterHistoryIT {
    @Autowired
    ClusterHistory history;
    @Autowired
    ClusterService cluster;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AlertService alerts;
    @Autowired
    JobGauges gauges;

    @Test
    void theClustersFiguresAreKeptAveragedPerMinuteAndDroppedAfterTheirRetention() {
        history.read();
        history.read();
        List<MetricHistory.Point> heap = history.history("jobmanager_heap_percent", Duration.ofMinutes(15));
        assertThat(heap).hasSizeGreaterThanOrEqualTo(2).allSatisfy(p -> assertThat(p.value()).isBetween(0.0, 100.0));
        assertThat(history.history("taskmanager_heap_percent_max", Duration.ofMinutes(15))).isNotEmpty();
        assertThat(history.history("jobmanager_cpu_percent", Duration.ofMinutes(15)))
                .allSatisfy(p -> assertThat(p.value()).isBetween(0.0, 100.0));
        assertThat(history.history("slots_total", Duration.ofMinutes(15)).get(0).value())
                .isEqualTo(cluster.overview().slotsTotal());
        assertThat(history.history("taskmanagers", Duration.ofMinutes(15)).get(0).value()).isEqualTo(1.0);
        assertThat(history.latest().processes()).extracting(ClusterHistory.ProcessFigures::process)
                .first().isEqualTo("jobmanager");

        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(4, ChronoUnit.MINUTES);
        // The shared stack's collector has read that minute too, in a full suite: only the test's readings stay in it.
        jdbc.update("DELETE FROM cluster_sample WHERE metric = 'slots_free' AND step = ? AND at >= ? AND at < ?", Samples.RAW,
                Timestamp.from(minute), Timestamp.from(minute.plusSeconds(60)));
        sample(Samples.RAW, minute.plusSeconds(5), 10);
        sample(Samples.RAW, minute.plusSeconds(35), 30);
        sample(Samples.RAW, Instant.now().minus(2, ChronoUnit.DAYS), 99);
        sample(Samples.MINUTE, Instant.now().minus(15, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES), 98);
        history.retain();
        assertThat(history.history("slots_free", Duration.ofDays(1))).contains(new MetricHistory.Point(minute, 20.0));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cluster_sample WHERE metric = 'slots_free' AND value IN (98, 99)", Long.class))
                .as("past their retention").isZero();
        assertThatThrownBy(() -> history.history("disk", Duration.ofHours(1)))
                .hasMessageStartingWith("There is no history of 'disk': ask for one of jobmanager_heap_percent,");
    }

    @Test
    void aHeapRuleFiresForEachProcessAboveItAndResolvesWhenTheThresholdIsRaised() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (WebhookReceiver hook = new WebhookReceiver()) {
            alerts.saveChannel(null, new ChannelDraft("heap hook " + suffix, ChannelKind.WEBHOOK, Map.of(), hook.url()));
            // Any heap in use is above 0 %: the JobManager and the TaskManager both fire.
            alerts.saveRule(new AlertRule(null, "Heap " + suffix, AlertCondition.HEAP, null, 0, null, Duration.ZERO,
                    Severity.WARNING, List.of("heap hook " + suffix), true));
            List<String> posts = Await.until("a post per process", Duration.ofSeconds(60), () -> {
                history.read();
                gauges.refresh();
                return hook.bodies();
            }, b -> b.size() >= 2);
            assertThat(posts).anySatisfy(p -> assertThat(p).contains("[FIRING · warning] Heap " + suffix + " — the JobManager")
                    .containsPattern("the JobManager uses \\d+ % of its heap").contains("/cluster|Open in Eddy>"));
            assertThat(posts).anySatisfy(p -> assertThat(p).contains("— TaskManager "));
            assertThatThrownBy(() -> alerts.saveRule(new AlertRule(null, "Heap one " + suffix, AlertCondition.HEAP,
                    "jobmanager", 50, null, Duration.ZERO, Severity.INFO, List.of("heap hook " + suffix), true)))
                    .hasMessage("A heap or CPU rule watches every process of the cluster: leave the process empty.");

            AlertRule rule = alerts.rules().stream().filter(r -> r.name().equals("Heap " + suffix)).findFirst().orElseThrow();
            alerts.saveRule(new AlertRule(rule.id(), rule.name(), AlertCondition.HEAP, null, 100, null, Duration.ZERO,
                    Severity.WARNING, rule.channels(), true));
            assertThat(Await.until("the resolve posts", Duration.ofSeconds(60), () -> {
                history.read();
                gauges.refresh();
                return hook.bodies();
            }, b -> b.size() >= 4).subList(2, 4)).allSatisfy(p -> assertThat(p).contains("[RESOLVED] Heap " + suffix));
        } finally {
            alerts.deleteRule("Heap " + suffix);
            alerts.deleteChannel("heap hook " + suffix);
        }
    }

    private void sample(int step, Instant at, double value) {
        jdbc.update("INSERT INTO cluster_sample (metric, step, at, value) VALUES ('slots_free', ?, ?, ?)", step,
                Timestamp.from(at), value);
    }
}
