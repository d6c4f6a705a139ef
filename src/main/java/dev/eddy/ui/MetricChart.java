package dev.eddy.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import dev.eddy.observe.MetricHistory;
import java.util.List;
import java.util.Map;

/** A time series chart (uPlot in the browser) of one or more figures over time: a job's, the cluster's. */
@Tag("eddy-chart")
@JsModule("./eddy-chart.ts")
@NpmPackage(value = "uplot", version = "1.6.32")
public class MetricChart extends Component implements HasSize {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Draws {@code series} (label → points, oldest first) from {@code from} to {@code to}, the values in {@code unit}. */
    public void show(String unit, java.time.Instant from, java.time.Instant to, Map<String, List<MetricHistory.Point>> series) {
        ObjectNode data = JSON.createObjectNode().put("unit", unit).put("from", from.getEpochSecond()).put("to", to.getEpochSecond());
        ArrayNode all = data.putArray("series");
        series.forEach((label, points) -> {
            ObjectNode s = all.addObject().put("label", label);
            ArrayNode values = s.putArray("points");
            points.forEach(p -> values.addArray().add(p.at().getEpochSecond()).add(p.value()));
        });
        getElement().setProperty("data", data.toString());
    }
}
