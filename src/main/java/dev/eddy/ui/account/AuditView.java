package dev.eddy.ui.account;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import dev.eddy.security.AuditCsv;
import dev.eddy.security.AuditEntry;
import dev.eddy.security.AuditLog;
import dev.eddy.ui.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Admins read who did what: filter by user, action and day, and export what they see as CSV. */
@Route(value = "audit", layout = MainLayout.class)
@PageTitle("Audit · Eddy")
@RolesAllowed("ADMIN")
class AuditView extends VerticalLayout {
    private static final int SHOWN = 1000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private final AuditLog audit;
    private final Grid<AuditEntry> grid = new Grid<>();
    private final TextField user = new TextField();
    private final TextField action = new TextField();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();

    AuditView(AuditLog audit) {
        this.audit = audit;
        setSizeFull();
        user.setPlaceholder("User");
        action.setPlaceholder("Action, e.g. Sign in");
        from.setPlaceholder("From day");
        to.setPlaceholder("To day (included)");
        for (TextField f : List.of(user, action)) {
            f.setClearButtonVisible(true);
            f.setValueChangeMode(ValueChangeMode.LAZY);
            f.addValueChangeListener(e -> refresh());
        }
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        Anchor csv = new Anchor(download(), "");
        Button csvButton = new Button("Export CSV", VaadinIcon.DOWNLOAD_ALT.create());
        csvButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        csv.add(csvButton);
        HorizontalLayout filters = new HorizontalLayout(user, action, from, to, csv);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWidthFull();

        grid.addClassName("eddy-audit");
        grid.addColumn(e -> TIME.format(e.at())).setHeader("Time").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEntry::username).setHeader("User").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEntry::action).setHeader("Action").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(AuditView::outcome).setHeader("Outcome").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> e.target() == null ? "" : e.target()).setHeader("On").setFlexGrow(1)
                .setTooltipGenerator(e -> e.target() == null ? "" : e.target());
        grid.addColumn(e -> e.detail() == null ? "" : e.detail()).setHeader("Detail").setFlexGrow(2)
                .setTooltipGenerator(e -> e.detail() == null ? "" : e.detail());
        add(new H2("Audit"), filters, grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(entries(SHOWN));
    }

    private List<AuditEntry> entries(int limit) {
        return audit.search(user.getValue(), action.getValue(), startOf(from.getValue()),
                to.getValue() == null ? null : startOf(to.getValue().plusDays(1)), limit);
    }

    private static Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneId.systemDefault()).toInstant();
    }

    private DownloadHandler download() {
        return event -> {
            event.setFileName("eddy-audit.csv");
            event.setContentType("text/csv; charset=utf-8");
            Writer out = new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8);
            AuditCsv.write(entries(100_000), out);
            out.flush();
        };
    }

    private static Span outcome(AuditEntry e) {
        Span badge = new Span(e.outcome().name().toLowerCase(java.util.Locale.ROOT));
        badge.getElement().getThemeList().add("badge small " + switch (e.outcome()) {
            case OK -> "success";
            case FAILED -> "error";
            case REFUSED -> "contrast";
        });
        return badge;
    }
}
