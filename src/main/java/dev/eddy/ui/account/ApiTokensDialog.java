package dev.eddy.ui.account;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.eddy.security.ApiToken;
import dev.eddy.security.ApiTokenService;
import dev.eddy.security.Role;
import dev.eddy.security.UserException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** One's own API tokens: make one (shown once, with how to use it), see when each was last used, revoke. */
public class ApiTokensDialog extends Dialog {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private static final Map<String, Duration> VALIDITY = new LinkedHashMap<>();

    static {
        VALIDITY.put("30 days", Duration.ofDays(30));
        VALIDITY.put("90 days", Duration.ofDays(90));
        VALIDITY.put("1 year", Duration.ofDays(365));
    }

    private final ApiTokenService tokens;
    private final Grid<ApiToken> grid = new Grid<>();
    private final Div created = new Div();
    private final Paragraph problem = new Paragraph();

    public ApiTokensDialog(ApiTokenService tokens, Role mine) {
        this.tokens = tokens;
        setHeaderTitle("API tokens");
        addClassName("eddy-api-tokens");
        Paragraph about = new Paragraph("A token signs Flink's SQL Client (or a script) in to Eddy as you, with a role no "
                + "higher than yours. It is shown once; Eddy keeps only a fingerprint of it.");
        about.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);

        grid.addColumn(ApiToken::name).setHeader("Name").setFlexGrow(3).setTooltipGenerator(ApiToken::name);
        grid.addColumn(t -> t.role().label()).setHeader("Acts as").setAutoWidth(true);
        grid.addColumn(t -> DAY.format(t.createdAt())).setHeader("Created").setAutoWidth(true);
        grid.addColumn(t -> t.expired(Instant.now()) ? "expired" : DAY.format(t.expiresAt())).setHeader("Expires")
                .setAutoWidth(true);
        grid.addColumn(t -> t.lastUsedAt() == null ? "never" : DAY.format(t.lastUsedAt())).setHeader("Last used")
                .setAutoWidth(true);
        grid.addColumn(new ComponentRenderer<>(t -> {
            Button revoke = new Button("Revoke", e -> revoke(t));
            revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            return revoke;
        })).setAutoWidth(true).setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);

        TextField name = new TextField("Name");
        name.setPlaceholder("sql-client on my laptop");
        Select<Role> role = new Select<>();
        role.setLabel("Acts as");
        role.setItems(Arrays.stream(Role.values()).filter(mine::includes).toList());
        role.setItemLabelGenerator(Role::label);
        role.setValue(mine);
        Select<String> validity = new Select<>();
        validity.setLabel("Valid for");
        validity.setItems(VALIDITY.keySet());
        validity.setValue("90 days");
        Button create = new Button("Create token", e -> create(name, role.getValue(), VALIDITY.get(validity.getValue())));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(name, role, validity, create);
        form.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        problem.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        created.addClassName("eddy-new-token");
        created.setVisible(false);

        VerticalLayout content = new VerticalLayout(about, form, problem, created, grid);
        content.setPadding(false);
        add(content);
        getFooter().add(new Button("Close", e -> close()));
        setWidth("52em");
        refresh();
    }

    private void create(TextField name, Role role, Duration validFor) {
        try {
            ApiTokenService.Created made = tokens.create(name.getValue(), role, validFor);
            problem.setText("");
            name.clear();
            showOnce(made.secret());
            refresh();
        } catch (UserException e) {
            problem.setText(e.getMessage());
        }
    }

    private void showOnce(String secret) {
        TextField value = new TextField("Your new token — copy it now, it is not shown again");
        value.setValue(secret);
        value.setReadOnly(true);
        value.setWidthFull();
        value.addClassName("eddy-token-value");
        Pre usage = new Pre("export FLINK_REST_CLIENT_HEADERS='Authorization:Bearer " + secret + "'\n"
                + "./bin/sql-client.sh gateway --endpoint " + origin() + "/sql-gateway");
        usage.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.Padding.SMALL, LumoUtility.Background.CONTRAST_5);
        usage.getStyle().set("white-space", "pre-wrap").set("word-break", "break-all");
        created.removeAll();
        created.add(value, new Paragraph("Flink's SQL Client (2.x, gateway mode) through Eddy:"), usage);
        created.setVisible(true);
    }

    private void revoke(ApiToken token) {
        try {
            tokens.revoke(token.id());
        } catch (UserException e) {
            problem.setText(e.getMessage());
        }
        refresh();
    }

    private void refresh() {
        grid.setItems(tokens.mine());
    }

    /** Where this browser reached Eddy, for the command line to paste. */
    private static String origin() {
        VaadinServletRequest request = VaadinServletRequest.getCurrent();
        if (request == null) {
            return "http://localhost:8080";
        }
        var http = request.getHttpServletRequest();
        boolean usual = (http.getScheme().equals("http") && http.getServerPort() == 80)
                || (http.getScheme().equals("https") && http.getServerPort() == 443);
        return http.getScheme() + "://" + http.getServerName() + (usual ? "" : ":" + http.getServerPort())
                + http.getContextPath();
    }
}
