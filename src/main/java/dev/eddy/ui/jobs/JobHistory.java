package dev.eddy.ui.jobs;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import dev.eddy.observe.MetricHistory;
import dev.eddy.ui.HistoryRange;
import dev.eddy.ui.MetricChart;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The History tab of a job's page: its throughput, lag, checkpoints, busy time and back pressure, restarts over a chosen range. */
class JobHistory extends VerticalLayout {
    private static final Duration EVERY = Duration.ofSeconds(15);
    private final MetricHistory history;
    private Long job;
    private final Select<HistoryRange> range = HistoryRange.select();
    private final Paragraph empty = new Paragraph("No history yet: a job's figures are kept every 15 s while it runs.");
    private final MetricChart throughput = new MetricChart();
    private final MetricChart lag = new MetricChart();
    private final MetricChart restarts = new MetricChart();
    private final MetricChart checkpoints = new MetricChart();
    private final MetricChart pressure = new MetricChart();
    private long shownAt;

    JobHistory(MetricHistory history) {
        this.history = history;
        addClassName("eddy-job-history");
        range.addValueChangeListener(e -> refresh(true));
        empty.addClassName("eddy-history-empty");
        throughput.addClassName("eddy-chart-throughput");
        lag.addClassName("eddy-chart-lag");
        restarts.addClassName("eddy-chart-restarts");
        checkpoints.addClassName("eddy-chart-checkpoints");
        pressure.addClassName("eddy-chart-pressure");
        for (MetricChart chart : List.of(throughput, lag, checkpoints, pressure, restarts)) {
            chart.setWidthFull();
        }
        setPadding(false);
        add(range, empty, title("Records per second"), throughput, title("Records behind (source lag)"), lag,
                title("Checkpoint duration"), checkpoints,
                title("Busy and back-pressured (the busiest subtask's share of each second)"), pressure,
                title("Restarts and failed checkpoints of the run"), restarts);
    }

    static Span title(String text) {
        Span title = new Span(text);
        title.addClassName("eddy-section-title");
        return title;
    }

    /** Shows this job's history from now on. */
    void forJob(long id) {
        job = id;
    }

    /** Reads the range again: at once when asked ({@code force}), else at most every 15 s. */
    void refresh(boolean force) {
        long now = System.nanoTime();
        if (job == null || !force && now - shownAt < EVERY.toNanos()) {
            return;
        }
        shownAt = now;
        Duration span = range.getValue().span();
        Map<String, List<MetricHistory.Point>> rates = new LinkedHashMap<>();
        rates.put("in", history.history(job, "records_in_per_second", span));
        rates.put("out", history.history(job, "records_out_per_second", span));
        List<MetricHistory.Point> behind = history.history(job, "source_lag_records", span);
        Map<String, List<MetricHistory.Point>> troubles = new LinkedHashMap<>();
        troubles.put("restarts", history.history(job, "restarts", span));
        troubles.put("failed checkpoints", history.history(job, "failed_checkpoints", span));
        Map<String, List<MetricHistory.Point>> time = new LinkedHashMap<>();
        time.put("busy", history.history(job, "busy_percent", span));
        time.put("back-pressured", history.history(job, "back_pressured_percent", span));
        empty.setVisible(rates.values().stream().allMatch(List::isEmpty));
        java.time.Instant to = java.time.Instant.now();
        java.time.Instant from = to.minus(span);
        throughput.show("records/s", from, to, rates);
        lag.show("records", from, to, Map.of("behind", behind));
        checkpoints.show("s", from, to, Map.of("duration", history.history(job, "last_checkpoint_seconds", span)));
        pressure.show("%", from, to, time);
        restarts.show("count", from, to, troubles);
    }
}
