package dev.eddy.observe;

import dev.eddy.cluster.ClusterOverview;
import dev.eddy.cluster.ClusterSnapshot;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/** The cluster at a glance for {@code /actuator/prometheus}, from the snapshot Eddy polls anyway. */
@Component
class ClusterGauges implements MeterBinder {
    private final ClusterSnapshot cluster;

    ClusterGauges(ClusterSnapshot cluster) {
        this.cluster = cluster;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("eddy.cluster.reachable", cluster, c -> c.latest().answered() ? 1 : 0)
                .description("1 while the JobManager's REST API answers, else 0").register(registry);
        gauge(registry, "eddy.cluster.taskmanagers", "TaskManagers registered", ClusterOverview::taskManagers);
        gauge(registry, "eddy.cluster.slots", "task slots in all", ClusterOverview::slotsTotal);
        gauge(registry, "eddy.cluster.slots.free", "task slots free", ClusterOverview::slotsAvailable);
        gauge(registry, "eddy.cluster.jobs.running", "Flink jobs running (Eddy's jobs and console queries)",
                ClusterOverview::jobsRunning);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<ClusterOverview> value) {
        Gauge.builder(name, cluster, c -> {
            ClusterOverview overview = c.latest().overview();
            return overview == null ? Double.NaN : value.applyAsDouble(overview);
        }).description(description).register(registry);
    }
}
