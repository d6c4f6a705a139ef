package dev.eddy.ui.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;
import dev.eddy.sql.Completions;
import dev.eddy.sql.FlinkVocabulary;
import dev.eddy.sql.SqlAssistant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The SQL editor in the browser (CodeMirror 6, see {@code eddy-sql-editor.ts}): Flink keywords
 * highlighted, completion and syntax checks answered by a {@link SqlAssistant}, Ctrl/Cmd+Enter to
 * run the statement at the cursor or the selection, Ctrl/Cmd+Shift+Enter to run the whole script.
 */
@Tag("eddy-sql-editor")
@JsModule("./eddy-sql-editor.ts")
@NpmPackage(value = "@codemirror/state", version = "6.7.6")
@NpmPackage(value = "@codemirror/view", version = "6.43.15")
@NpmPackage(value = "@codemirror/commands", version = "6.11.1")
@NpmPackage(value = "@codemirror/language", version = "6.13.1")
@NpmPackage(value = "@codemirror/autocomplete", version = "6.20.4")
@NpmPackage(value = "@codemirror/lint", version = "6.9.8")
@NpmPackage(value = "@codemirror/search", version = "6.7.2")
@NpmPackage(value = "@codemirror/lang-sql", version = "6.10.0")
@NpmPackage(value = "@lezer/highlight", version = "1.2.5")
class SqlEditor extends Component implements HasSize, HasStyle {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SqlAssistant assistant;

    SqlEditor(SqlAssistant assistant, String text) {
        this.assistant = assistant;
        getElement().setProperty("value", text == null ? "" : text);
        getElement().setProperty("keywords", String.join(" ", FlinkVocabulary.get().highlighted()));
        getElement().setAttribute("placeholder", "Write Flink SQL, then press Ctrl+Enter to run the statement at the cursor");
        getElement().addPropertyChangeListener("value", "value-changed", e -> {});
    }

    /** Called with the script when the user pauses typing, and before each run. */
    void addEditListener(Consumer<String> listener) {
        getElement().addPropertyChangeListener("value", e -> {
            if (e.isUserOriginated()) {
                listener.accept(getValue());
            }
        });
    }

    /** The script as the browser last sent it (every keystroke pause, and before each run). */
    String getValue() {
        return getElement().getProperty("value", "");
    }

    void setValue(String text) {
        getElement().setProperty("value", text == null ? "" : text);
    }

    /** Asks the browser to run (scope "selection", "all") or explain what the cursor points at. */
    void requestRun(String scope) {
        getElement().callJsFunction("requestRun", scope);
    }

    void insertText(String text) {
        getElement().callJsFunction("insertText", text);
    }

    /** Underlines a range of the script with a message, for errors found when a statement ran. */
    void markError(int from, int to, String message) {
        getElement().callJsFunction("markError", from, to, message);
    }

    void select(int from, int to) {
        getElement().callJsFunction("select", from, to);
    }

    void focus() {
        getElement().callJsFunction("focus");
    }

    Registration addRunListener(ComponentEventListener<RunEvent> listener) {
        return addListener(RunEvent.class, listener);
    }

    @ClientCallable
    String complete(String text, int position, boolean explicit) {
        Completions completions = assistant.complete(text, position, explicit);
        return json(completions);
    }

    @ClientCallable
    String check(String text) {
        return json(assistant.check(text));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return value instanceof List ? "[]" : "null";
        }
    }

    /** Ctrl/Cmd+Enter: run the selection or the statement at the cursor; with Shift, the whole script; or explain. */
    @DomEvent("eddy-run")
    public static class RunEvent extends ComponentEvent<SqlEditor> {
        private final String scope;
        private final String text;
        private final int from;
        private final int to;

        public RunEvent(SqlEditor source, boolean fromClient, @EventData("event.detail.scope") String scope,
                @EventData("event.detail.text") String text, @EventData("event.detail.from") int from,
                @EventData("event.detail.to") int to) {
            super(source, fromClient);
            this.scope = scope;
            this.text = text;
            this.from = from;
            this.to = to;
        }

        /** "selection" (the statement at the cursor, or the selection), "all" or "explain". */
        String scope() {
            return scope;
        }

        String text() {
            return text;
        }

        int from() {
            return from;
        }

        int to() {
            return to;
        }
    }
}
