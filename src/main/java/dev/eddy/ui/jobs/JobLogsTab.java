package dev.eddy.ui.jobs;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.eddy.job.Job;
import dev.eddy.observe.JobLogLine;
import dev.eddy.observe.JobLogs;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The Logs tab of a job's page: what its run logged, newest last, filtered by level or words. */
class JobLogsTab extends VerticalLayout {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private final JobLogs logs;
    private final Grid<JobLogLine> grid = new Grid<>();
    private final TextField filter = new TextField();
    private final Paragraph empty = new Paragraph();
    private final Span count = new Span();
    private List<JobLogLine> read = List.of();
    private Job job;

    JobLogsTab(JobLogs logs) {
        this.logs = logs;
        addClassName("eddy-job-logs");
        setPadding(false);
        filter.setPlaceholder("Filter: words, or WARN / ERROR");
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.setClearButtonVisible(true);
        filter.setWidth("22em");
        filter.addValueChangeListener(e -> show());
        Button reload = new Button("Read again", VaadinIcon.REFRESH.create(), e -> refresh());
        reload.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        count.addClassName("eddy-status");
        HorizontalLayout bar = new HorizontalLayout(filter, reload, count);
        bar.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        grid.addClassName("eddy-job-log-lines");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(l -> l.at() == null ? "" : TIME.format(l.at())).setHeader("Time (UTC)").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(JobLogsTab::level).setHeader("Level").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(JobLogLine::process).setHeader("Process").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(l -> l.message().lines().findFirst().orElse("")).setHeader("Message").setFlexGrow(4)
                .setTooltipGenerator(JobLogLine::logger);
        grid.setItemDetailsRenderer(new ComponentRenderer<>(l -> new Pre(l.message())));
        grid.setHeight("32em");
        empty.addClassName("eddy-empty-text");
        add(bar, empty, grid);
    }

    void forJob(Job job) {
        this.job = job;
    }

    void refresh() {
        if (job == null) {
            return;
        }
        read = logs.lines(job, JobLogs.MAX_LINES);
        show();
    }

    private void show() {
        String words = filter.getValue() == null ? "" : filter.getValue().strip().toLowerCase(Locale.ROOT);
        List<JobLogLine> shown = read.stream().filter(l -> words.isEmpty() || l.level().equalsIgnoreCase(words)
                || l.message().toLowerCase(Locale.ROOT).contains(words) || l.logger().toLowerCase(Locale.ROOT).contains(words))
                .toList();
        grid.setItems(shown);
        grid.setVisible(!shown.isEmpty());
        empty.setVisible(shown.isEmpty());
        empty.setText(read.isEmpty() ? "Nothing logged by this job's run yet (or its lines were rotated away)."
                : "No line matches the filter.");
        count.setText(shown.size() == read.size() ? read.size() + " lines" : shown.size() + " of " + read.size() + " lines");
        if (!shown.isEmpty()) {
            grid.scrollToEnd();
        }
    }

    private static Span level(JobLogLine l) {
        Span s = new Span(l.level());
        String theme = switch (l.level()) {
            case "ERROR" -> "badge error small";
            case "WARN" -> "badge warning small";
            default -> "badge contrast small";
        };
        s.getElement().getThemeList().add(theme);
        return s;
    }
}
