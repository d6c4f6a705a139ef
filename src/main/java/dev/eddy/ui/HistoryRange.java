package dev.eddy.ui;

import java.time.Duration;

/** The ranges a history chart offers, as people say them: 15 minutes to the 14 days kept. */
public enum HistoryRange {
    MINUTES_15("Last 15 minutes", Duration.ofMinutes(15)), HOUR("Last hour", Duration.ofHours(1)),
    HOURS_6("Last 6 hours", Duration.ofHours(6)), DAY("Last day", Duration.ofDays(1)),
    WEEK("Last 7 days", Duration.ofDays(7)), DAYS_14("Last 14 days", Duration.ofDays(14));

    private final String label;
    private final Duration span;

    HistoryRange(String label, Duration span) {
        this.label = label;
        this.span = span;
    }

    public String label() {
        return label;
    }

    public Duration span() {
        return span;
    }

    /** A select of the ranges, the last hour chosen, with the class tests find it by. */
    public static com.vaadin.flow.component.select.Select<HistoryRange> select() {
        var range = new com.vaadin.flow.component.select.Select<HistoryRange>();
        range.setLabel("Range");
        range.setItems(values());
        range.setItemLabelGenerator(HistoryRange::label);
        range.setValue(HOUR);
        range.addClassName("eddy-history-range");
        return range;
    }
}
