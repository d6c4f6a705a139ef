package dev.eddy.ui.cluster;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.eddy.cluster.ClusterException;
import dev.eddy.cluster.ClusterLogs;
import dev.eddy.ui.Async;
import java.util.Locale;

/** The cluster's logs for admins: pick a process's log, read its end (filtered), follow it, download it. */
final class ClusterLogsPanel extends VerticalLayout {
    private static final int SHOWN_LINES = 500;
    private static final int FOLLOW_EVERY_MS = 2000;
    private final ClusterLogs logs;
    private final Select<ClusterLogs.Source> source = new Select<>();
    private final TextField filter = new TextField();
    private final Checkbox follow = new Checkbox("Follow");
    private final Pre text = new Pre();
    private final Span status = new Span();
    private final HorizontalLayout bar;
    private volatile ClusterLogs.Source chosen;
    private Registration polling;
    private boolean loading;

    ClusterLogsPanel(ClusterLogs logs) {
        this.logs = logs;
        addClassName("eddy-cluster-logs");
        setPadding(false);
        source.setLabel("Log");
        source.setItemLabelGenerator(s -> s.processName() + " · " + s.file() + " (" + size(s.size()) + ")");
        source.setMinWidth("24em");
        source.addValueChangeListener(e -> {
            chosen = e.getValue();
            load();
        });
        filter.setLabel("Lines containing");
        filter.setPlaceholder("e.g. ERROR or a job id");
        filter.setMinWidth("16em");
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(e -> load());
        follow.setTooltipText("Read the end of the log again every 2 seconds");
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> load());
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Anchor download = new Anchor(DownloadHandler.fromInputStream(this::download), "");
        download.add(new Button("Download", VaadinIcon.DOWNLOAD_ALT.create()));
        bar = new HorizontalLayout(source, filter, follow, refresh, download);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        bar.setWrap(true);
        text.addClassName("eddy-log-text");
        text.getStyle().set("max-height", "28em").set("overflow", "auto").set("width", "100%").set("margin", "0")
                .set("font-size", "var(--lumo-font-size-xs)").set("white-space", "pre-wrap")
                .set("word-break", "break-all");
        text.addClassNames(LumoUtility.Background.CONTRAST_5, LumoUtility.Padding.SMALL, LumoUtility.BorderRadius.MEDIUM);
        status.addClassNames("eddy-log-status", LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        add(new H3("Logs"), bar, status, text);
        text.setVisible(false);
        listSources();
    }

    private void listSources() {
        status.setText("Listing the cluster's logs…");
        Async.run(logs::sources, found -> {
            if (found.isEmpty()) {
                status.setText("The cluster keeps no log files Flink can show: on the embedded plan Flink runs inside "
                        + "Eddy, and its lines are in Eddy's own log.");
                bar.setVisible(false);
                return;
            }
            source.setItems(found);
            // The JobManager's main log first: where a failing job is explained.
            source.setValue(found.stream().filter(s -> s.file().endsWith(".log")).findFirst().orElse(found.get(0)));
        }, this::failed);
    }

    private void load() {
        ClusterLogs.Source s = chosen;
        if (s == null || loading) {
            return;
        }
        loading = true;
        String needle = filter.getValue();
        Async.run(() -> logs.tail(s.process(), s.file(), SHOWN_LINES, needle), tail -> {
            loading = false;
            text.setVisible(true);
            text.setText(tail.lines().isEmpty() ? (needle.isBlank() ? "(empty)" : "(no line contains “" + needle + "”)")
                    : String.join("\n", tail.lines()));
            status.setText((tail.cut() ? "The last " + tail.lines().size() + " lines" : "All " + tail.lines().size() + " lines")
                    + (needle.isBlank() ? "" : " containing “" + needle + "”") + " of " + s.processName() + " · " + s.file()
                    + (follow.getValue() ? ", followed" : "") + ".");
            text.getElement().executeJs("this.scrollTop = this.scrollHeight");
        }, e -> {
            loading = false;
            failed(e);
        });
    }

    private void failed(RuntimeException e) {
        status.setText(e instanceof ClusterException || e instanceof IllegalArgumentException
                ? e.getMessage() : "Could not read the cluster's logs: " + e.getClass().getSimpleName()
                        + ". Try again; the details are in Eddy's log.");
    }

    /** The whole chosen log, streamed from the cluster as it is read: Eddy holds none of it. */
    private DownloadResponse download(DownloadEvent event) {
        ClusterLogs.Source s = chosen;
        if (s == null) {
            return DownloadResponse.error(404, "No log is chosen");
        }
        try {
            return new DownloadResponse(logs.open(s.process(), s.file()),
                    s.processName().replace(' ', '-') + "-" + s.file() + ".txt", "text/plain; charset=utf-8", -1);
        } catch (ClusterException | IllegalArgumentException e) {
            return DownloadResponse.error(502, e.getMessage());
        }
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        event.getUI().setPollInterval(FOLLOW_EVERY_MS);
        polling = event.getUI().addPollListener(e -> {
            if (follow.getValue()) {
                load();
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
            polling = null;
        }
        event.getUI().setPollInterval(-1);
    }
}
