package dev.eddy.ui.cluster;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import dev.eddy.observe.ClusterHistory;
import dev.eddy.observe.MetricHistory;
import dev.eddy.ui.HistoryRange;
import dev.eddy.ui.MetricChart;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Cluster page's history: heap and CPU of the JobManager and the fullest TaskManager, and task slots, over a chosen range. */
class ClusterHistoryPanel extends VerticalLayout {
    private static final Duration EVERY = Duration.ofSeconds(15);
    private final ClusterHistory history;
    private final Select<HistoryRange> range = HistoryRange.select();
    private final Paragraph empty = new Paragraph("No history yet: the cluster's figures are kept every 15 s.");
    private final MetricChart heap = new MetricChart();
    private final MetricChart cpu = new MetricChart();
    private final MetricChart slots = new MetricChart();
    private long shownAt;

    ClusterHistoryPanel(ClusterHistory history) {
        this.history = history;
        addClassName("eddy-cluster-history");
        setPadding(false);
        range.addValueChangeListener(e -> refresh(true));
        heap.addClassName("eddy-chart-heap");
        cpu.addClassName("eddy-chart-cpu");
        slots.addClassName("eddy-chart-slots");
        for (MetricChart chart : List.of(heap, cpu, slots)) {
            chart.setWidthFull();
        }
        com.vaadin.flow.component.html.H3 heading = new com.vaadin.flow.component.html.H3("History");
        add(heading, range, empty, title("Heap used"), heap, title("CPU"), cpu, title("Task slots"), slots);
        // Read while the page is shown: every poll asks, at most every 15 s reads.
        addAttachListener(attached -> refresh(true));
        dev.eddy.ui.LiveRefresh.every(this, 5000, () -> refresh(false));
    }

    private static Span title(String text) {
        Span title = new Span(text);
        title.addClassName("eddy-section-title");
        return title;
    }

    void refresh(boolean force) {
        long now = System.nanoTime();
        if (!force && now - shownAt < EVERY.toNanos()) {
            return;
        }
        shownAt = now;
        Duration span = range.getValue().span();
        Instant to = Instant.now();
        Instant from = to.minus(span);
        Map<String, List<MetricHistory.Point>> heaps = new LinkedHashMap<>();
        heaps.put("JobManager", history.history("jobmanager_heap_percent", span));
        heaps.put("fullest TaskManager", history.history("taskmanager_heap_percent_max", span));
        Map<String, List<MetricHistory.Point>> cpus = new LinkedHashMap<>();
        cpus.put("JobManager", history.history("jobmanager_cpu_percent", span));
        cpus.put("busiest TaskManager", history.history("taskmanager_cpu_percent_max", span));
        Map<String, List<MetricHistory.Point>> slotted = new LinkedHashMap<>();
        slotted.put("in all", history.history("slots_total", span));
        slotted.put("free", history.history("slots_free", span));
        empty.setVisible(heaps.values().stream().allMatch(List::isEmpty));
        heap.show("%", from, to, heaps);
        cpu.show("%", from, to, cpus);
        slots.show("slots", from, to, slotted);
    }
}
