package dev.eddy.ui.integrations;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.eddy.ui.Async;
import dev.eddy.config.Secret;
import dev.eddy.integration.Integration;
import dev.eddy.integration.IntegrationDraft;
import dev.eddy.integration.IntegrationException;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.KafkaSettings;
import dev.eddy.integration.OpenSearchSettings;
import dev.eddy.integration.PostgresSettings;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Adds or edits one integration; "Test" tries the form's values before anything is saved. */
class IntegrationDialog extends Dialog {
    private final IntegrationService integrations;
    private final IntegrationKind kind;
    private final Integration existing;
    private final Map<String, TextField> fields = new LinkedHashMap<>();
    private final Map<String, Select<String>> choices = new LinkedHashMap<>();
    private final Map<String, PasswordField> secrets = new LinkedHashMap<>();
    private final TextField name = new TextField("Name");
    private final TextArea trusted = new TextArea("Trusted certificate (PEM)");
    private final CheckResult result = new CheckResult();

    IntegrationDialog(IntegrationService integrations, Integration existing, IntegrationKind kind,
            Consumer<Integration> onSaved) {
        this.integrations = integrations;
        this.kind = kind;
        this.existing = existing;
        setHeaderTitle((existing == null ? "Add " : "Edit ") + kind.label() + (existing == null ? " service" : " " + existing.name()));
        name.setPlaceholder(switch (kind) {
            case KAFKA -> "orders-kafka";
            case POSTGRES -> "warehouse-postgres";
            case OPENSEARCH -> "team-logs";
        });
        name.setHelperText("Lower case letters, digits and dashes");
        name.setRequired(true);
        name.setReadOnly(existing != null);
        FormLayout form = new FormLayout(name);
        if (kind == IntegrationKind.KAFKA) {
            form.add(text(KafkaSettings.BOOTSTRAP_SERVERS, "Bootstrap servers", "broker-1:9092,broker-2:9092"));
            form.add(select(KafkaSettings.SECURITY_PROTOCOL, "Security protocol", KafkaSettings.PROTOCOLS, "PLAINTEXT"));
            form.add(text(KafkaSettings.SCHEMA_REGISTRY_URL, "Schema registry URL", "http://registry:8081 (for avro-confluent)"));
            form.add(select(KafkaSettings.SASL_MECHANISM, "SASL mechanism", KafkaSettings.MECHANISMS, "SCRAM-SHA-256"));
            addCredentials(form, KafkaSettings.READ_USER, KafkaSettings.READ_PASSWORD, KafkaSettings.WRITE_USER,
                    KafkaSettings.WRITE_PASSWORD);
            trusted.setPlaceholder("-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----");
            trusted.setHelperText("The certificate authority of a private TLS setup; leave empty for public ones");
            trusted.addClassName("eddy-trusted-certificate");
            trusted.setMaxHeight("10em");
            form.add(trusted, 2);
            // User names and passwords only mean something to a SASL listener.
            Select<String> protocol = choices.get(KafkaSettings.SECURITY_PROTOCOL);
            protocol.addValueChangeListener(e -> showSaslFields(e.getValue()));
            showSaslFields(protocol.getValue());
        } else if (kind == IntegrationKind.OPENSEARCH) {
            TextField url = text(OpenSearchSettings.URL, "URL", "https://search.example.com:9200");
            url.setHelperText("Its certificate must be one the JVM trusts");
            form.add(url, 2);
            TextField index = text(OpenSearchSettings.INDEX, "Index", OpenSearchSettings.DEFAULT_INDEX);
            index.setValue(OpenSearchSettings.DEFAULT_INDEX);
            index.setHelperText("{yyyy.MM.dd} is the record's day (UTC): one index a day");
            form.add(index);
            Select<String> level = select(OpenSearchSettings.LEVEL, "Least severe level shipped", OpenSearchSettings.LEVELS, "INFO");
            level.setHelperText("Eddy's log and every Flink process's");
            form.add(level);
            form.add(text(OpenSearchSettings.USER, "User", "none for a node without security"));
            form.add(password(OpenSearchSettings.PASSWORD, "Password"));
        } else {
            form.add(text(PostgresSettings.HOST, "Host", "db.example.com"));
            form.add(text(PostgresSettings.PORT, "Port", "5432"));
            form.add(text(PostgresSettings.DATABASE, "Database", "warehouse"));
            form.add(select(PostgresSettings.SSL_MODE, "SSL mode", PostgresSettings.SSL_MODES, "prefer"));
            addCredentials(form, PostgresSettings.READ_USER, PostgresSettings.READ_PASSWORD, PostgresSettings.WRITE_USER,
                    PostgresSettings.WRITE_PASSWORD);
        }
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30em", 2));
        if (existing != null) {
            name.setValue(existing.name());
            fields.forEach((k, f) -> {
                if (!existing.setting(k).isBlank() || !k.equals(OpenSearchSettings.INDEX)) {
                    f.setValue(existing.setting(k));
                }
            });
            trusted.setValue(existing.setting(KafkaSettings.TRUSTED_CERTIFICATES));
            choices.forEach((k, c) -> {
                if (!existing.setting(k).isBlank()) {
                    c.setValue(existing.setting(k));
                }
            });
            secrets.forEach((k, p) -> {
                if (existing.secretsSet().contains(k)) {
                    p.setPlaceholder("set — leave empty to keep");
                    p.setHelperText("Kept while the address is unchanged");
                }
            });
        }
        add(form, result);
        Button test = new Button("Test connection", e -> test());
        Button save = saveButton;
        save.addClickListener(e -> save(onSaved));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> close());
        getFooter().add(cancel, test, save);
        setWidth("44em");
        addClassName("eddy-integration-dialog");
    }

    private void showSaslFields(String protocol) {
        boolean sasl = protocol != null && protocol.startsWith("SASL");
        trusted.setVisible(protocol != null && protocol.endsWith("SSL"));
        choices.get(KafkaSettings.SASL_MECHANISM).setVisible(sasl);
        List.of(KafkaSettings.READ_USER, KafkaSettings.WRITE_USER).forEach(k -> fields.get(k).setVisible(sasl));
        List.of(KafkaSettings.READ_PASSWORD, KafkaSettings.WRITE_PASSWORD).forEach(k -> secrets.get(k).setVisible(sasl));
    }

    private void addCredentials(FormLayout form, String readUser, String readPassword, String writeUser,
            String writePassword) {
        form.add(text(readUser, "Read-only user", "used for sources and browsing"));
        form.add(password(readPassword, "Read-only password"));
        form.add(text(writeUser, "Read-write user", "used for sinks (optional)"));
        form.add(password(writePassword, "Read-write password"));
    }

    private TextField text(String key, String label, String placeholder) {
        TextField f = new TextField(label);
        f.setPlaceholder(placeholder);
        fields.put(key, f);
        return f;
    }

    private Select<String> select(String key, String label, List<String> items, String initial) {
        Select<String> s = new Select<>();
        s.setLabel(label);
        s.setItems(items);
        s.setValue(initial);
        choices.put(key, s);
        return s;
    }

    private PasswordField password(String key, String label) {
        PasswordField p = new PasswordField(label);
        p.setRevealButtonVisible(false);
        secrets.put(key, p);
        return p;
    }

    private IntegrationDraft draft() {
        Map<String, String> settings = new HashMap<>();
        fields.forEach((k, f) -> settings.put(k, f.getValue().strip()));
        choices.forEach((k, c) -> settings.put(k, c.getValue() == null ? "" : c.getValue()));
        if (kind == IntegrationKind.KAFKA) {
            settings.put(KafkaSettings.TRUSTED_CERTIFICATES, trusted.getValue().strip());
        }
        Map<String, Secret> given = new HashMap<>();
        // An empty password field keeps what is stored: the browser never sees stored secrets.
        secrets.forEach((k, p) -> {
            if (!p.getValue().isEmpty()) {
                given.put(k, Secret.of(p.getValue()));
            }
        });
        return new IntegrationDraft(name.getValue().strip(), kind, settings, given);
    }

    private final Button saveButton = new Button("Save");
    private boolean saveAnyway;

    private void test() {
        IntegrationDraft draft = draft();
        result.working("Testing the connection…");
        UI ui = UI.getCurrent();
        Async.supply(() -> integrations.test(draft)).whenComplete((check, error) -> ui.access(() -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                result.failed(cause.getMessage());
            } else {
                result.show(draft.name().isEmpty() ? "Connection" : draft.name(), check);
            }
        }));
    }

    /**
     * Saves once the connection works; a connection that fails is shown first, and the button
     * becomes "Save anyway" (a service may be down for a while, its settings still right).
     */
    private void save(Consumer<Integration> onSaved) {
        IntegrationDraft draft;
        try {
            draft = draft();
        } catch (IntegrationException e) {
            result.failed(e.getMessage());
            return;
        }
        if (saveAnyway) {
            store(draft, onSaved);
            return;
        }
        result.working("Checking the connection before saving…");
        saveButton.setEnabled(false);
        UI ui = UI.getCurrent();
        Async.supply(() -> integrations.test(draft)).whenComplete((check, error) -> ui.access(() -> {
            saveButton.setEnabled(true);
            if (error == null && check.ok()) {
                store(draft, onSaved);
                return;
            }
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                result.failed(cause.getMessage());
            } else {
                result.show(draft.name().isEmpty() ? "Connection" : draft.name(), check);
            }
            saveAnyway = true;
            saveButton.setText("Save anyway");
            saveButton.setTooltipText("The connection does not work now; save the settings all the same");
        }));
    }

    private void store(IntegrationDraft draft, Consumer<Integration> onSaved) {
        try {
            Integration saved = integrations.save(draft);
            close();
            onSaved.accept(saved);
        } catch (IntegrationException e) {
            result.failed(e.getMessage());
        }
    }
}
