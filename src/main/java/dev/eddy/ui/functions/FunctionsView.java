package dev.eddy.ui.functions;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.eddy.function.FunctionLibraries;
import dev.eddy.function.FunctionLibraryException;
import dev.eddy.function.FunctionSignature;
import dev.eddy.function.LibraryVersion;
import dev.eddy.function.RegisteredFunctions;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import java.util.List;
import dev.eddy.security.Access;
import dev.eddy.security.Role;
import dev.eddy.ui.MainLayout;
import dev.eddy.ui.RelativeTime;
import jakarta.annotation.security.PermitAll;
import java.util.Locale;

/** Libraries of user-defined functions: upload a JAR (admins), see the functions in each version and what changed. */
@Route(value = "functions", layout = MainLayout.class)
@PageTitle("Functions · Eddy")
@PermitAll
class FunctionsView extends VerticalLayout {
    private final FunctionLibraries libraries;
    private final RegisteredFunctions registry;
    private final RegisteredFunctionsGrid registered;
    private final Grid<LibraryVersion> grid = new Grid<>();
    private final H3 functionsTitle = new H3();
    private final Grid<FunctionSignature> functions = new Grid<>();
    private final Grid<LibraryVersion> versions = new Grid<>();
    private final H3 versionsTitle = new H3("Versions");
    private final Span result = new Span();
    private volatile String typedName = "";

    FunctionsView(FunctionLibraries libraries, RegisteredFunctions registry) {
        this.libraries = libraries;
        this.registry = registry;
        this.registered = new RegisteredFunctionsGrid(registry);
        addClassName("eddy-functions");
        add(new H2("Functions"), new Paragraph("User-defined functions in Eddy's catalog, which every session, job and "
                + "Flink SQL Client connected to Eddy can call, and the libraries they come from: JARs of Java classes "
                + "that extend Flink's ScalarFunction, TableFunction or AggregateFunction. Eddy reads which functions a "
                + "JAR holds from its class files, without running it, and keeps every version."));
        add(new H3("Registered functions"), registered);
        add(new H3("Libraries"));
        if (Access.allows(Role.ADMIN)) {
            add(uploadForm());
        }
        grid.addClassName("eddy-libraries");
        grid.addColumn(LibraryVersion::library).setHeader("Library").setAutoWidth(true);
        grid.addColumn(v -> "v" + v.version()).setHeader("Version").setAutoWidth(true);
        grid.addColumn(v -> v.functions().size() + (v.functions().size() == 1 ? " function" : " functions"))
                .setHeader("Functions").setAutoWidth(true);
        grid.addColumn(LibraryVersion::fileName).setHeader("File").setAutoWidth(true);
        grid.addColumn(v -> String.format(Locale.ROOT, "%,d KB", Math.max(1, v.sizeBytes() / 1024))).setHeader("Size")
                .setAutoWidth(true);
        grid.addColumn(v -> v.sha256().substring(0, 12) + "…").setHeader("SHA-256").setAutoWidth(true)
                .setTooltipGenerator(LibraryVersion::sha256);
        grid.addColumn(v -> v.uploadedBy() + ", " + RelativeTime.ago(v.uploadedAt())).setHeader("Uploaded").setFlexGrow(1);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));

        functions.addClassName("eddy-library-functions");
        functions.addColumn(FunctionSignature::className).setHeader("Class").setAutoWidth(true);
        functions.addColumn(f -> f.kind().label()).setHeader("Kind").setAutoWidth(true);
        functions.addColumn(f -> String.join("\n", f.signatures())).setHeader("Signatures")
                .setTooltipGenerator(f -> "arguments → result, as SQL types").setFlexGrow(1);
        functions.addColumn(new ComponentRenderer<>(this::registration)).setHeader("In the catalog").setAutoWidth(true);
        versions.addClassName("eddy-library-versions");
        versions.addColumn(v -> "v" + v.version()).setHeader("Version").setAutoWidth(true);
        versions.addColumn(v -> v.changes().summary()).setHeader("Changes").setFlexGrow(1)
                .setTooltipGenerator(FunctionsView::changeDetails);
        versions.addColumn(v -> v.uploadedBy() + ", " + RelativeTime.ago(v.uploadedAt())).setHeader("Uploaded").setAutoWidth(true);
        for (Grid<?> g : java.util.List.of(functions, versions)) {
            g.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
            g.setAllRowsVisible(true);
        }
        functionsTitle.setVisible(false);
        functions.setVisible(false);
        versions.setVisible(false);
        versionsTitle.setVisible(false);
        add(grid, functionsTitle, functions, versionsTitle, versions);
        refresh();
    }

    private VerticalLayout uploadForm() {
        TextField name = new TextField("Library name");
        name.setPlaceholder("string-functions");
        name.setHelperText("The same name makes a new version; empty: named after the file");
        name.addClassName("eddy-library-name");
        // Read by the upload, off the UI's thread: kept in a field the UI's thread sets as the user types.
        name.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.EAGER);
        name.addValueChangeListener(e -> typedName = e.getValue().strip());
        Upload upload = new Upload();
        upload.addClassName("eddy-library-upload");
        upload.setAcceptedFileTypes(".jar", "application/java-archive");
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, libraries.maxBytes()));
        upload.setDropLabel(new Span("Drop a JAR of functions here"));
        UI ui = UI.getCurrent();
        upload.setUploadHandler(UploadHandler.inMemory((metadata, bytes) -> {
            // Not the UI's thread: the session is not locked while a file comes in.
            String library = typedName.isEmpty() ? FunctionLibraries.nameFor(metadata.fileName()) : typedName;
            String said;
            boolean ok;
            try {
                LibraryVersion v = libraries.upload(library, metadata.fileName(), bytes);
                said = library + " v" + v.version() + " uploaded: " + v.functions().size()
                        + (v.functions().size() == 1 ? " function" : " functions")
                        + (v.version() > 1 ? " (" + v.changes().summary() + ")" : "");
                ok = true;
            } catch (FunctionLibraryException | dev.eddy.security.AccessRefusedException e) {
                said = e.getMessage();
                ok = false;
            }
            String message = said;
            boolean success = ok;
            ui.access(() -> {
                result.setText(message);
                result.getElement().getThemeList().set("badge", true);
                result.getElement().getThemeList().set("error", !success);
                result.getElement().getThemeList().set("success", success);
                upload.clearFileList();
                if (success && name.getValue().isBlank()) {
                    name.setValue(library);
                }
                if (success) {
                    Notification.show(message).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    refresh();
                    grid.getListDataView().getItems().filter(v -> v.library().equals(library)).findFirst().ifPresent(grid::select);
                }
            });
        }));
        upload.addFileRejectedListener(e -> result.setText(e.getErrorMessage()));
        result.addClassName("eddy-upload-result");
        upload.setMinWidth("24em");
        HorizontalLayout form = new HorizontalLayout(name, upload);
        form.setDefaultVerticalComponentAlignment(Alignment.CENTER);
        VerticalLayout withResult = new VerticalLayout(form, result);
        withResult.setPadding(false);
        withResult.setSpacing(false);
        return withResult;
    }

    private void refresh() {
        grid.setItems(libraries.list());
        registered.refresh();
    }

    /** "shout" when the class is registered from this library, else a Register button for admins. */
    private Component registration(FunctionSignature function) {
        LibraryVersion shown = grid.asSingleSelect().getValue();
        List<String> names = registered.getListDataView().getItems()
                .filter(r -> shown != null && shown.library().equals(r.library()) && r.className().equals(function.className()))
                .map(RegisteredFunctions.Registered::callName).toList();
        if (!names.isEmpty()) {
            return new Span(String.join(", ", names));
        }
        if (shown == null || !Access.allows(Role.ADMIN)) {
            return new Span("not registered");
        }
        Button register = new Button("Register…", e -> new RegisterFunctionDialog(registry, shown, function, () -> {
            refresh();
            grid.select(shown);
            show(shown);
        }).open());
        register.addThemeVariants(ButtonVariant.LUMO_SMALL);
        register.addClassName("eddy-register-function-button");
        return register;
    }

    private void show(LibraryVersion latest) {
        boolean shown = latest != null;
        functionsTitle.setVisible(shown);
        functions.setVisible(shown);
        versions.setVisible(shown);
        versionsTitle.setVisible(shown);
        if (!shown) {
            return;
        }
        functionsTitle.setText("Functions of " + latest.library() + " v" + latest.version());
        functions.setItems(latest.functions());
        functions.getDataProvider().refreshAll();
        versions.setItems(libraries.versions(latest.library()));
    }

    private static String changeDetails(LibraryVersion v) {
        StringBuilder b = new StringBuilder();
        v.changes().added().forEach(c -> b.append("+ ").append(c).append('\n'));
        v.changes().removed().forEach(c -> b.append("− ").append(c).append('\n'));
        v.changes().changed().forEach(c -> b.append("~ ").append(c).append('\n'));
        return b.toString().strip();
    }
}
