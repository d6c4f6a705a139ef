package dev.eddy.gitops;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and writes specs as YAML. Reading is strict: a misspelt key, a secret written inline or a
 * name used twice is refused with the line and what to write instead, because a spec that is
 * silently read differently from what its author meant would change the wrong things.
 */
public final class SpecFile {
    /** Spec files larger than this are refused: a real project's is a few kilobytes. */
    public static final int MAX_CHARS = 1_000_000;
    private static final String NAME = "[A-Za-z_][A-Za-z0-9_-]{0,127}";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private SpecFile() {}

    public static Spec read(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw new SpecException("The spec is empty: it needs at least a project name (project: my-project).");
        }
        if (yaml.length() > MAX_CHARS) {
            throw new SpecException("The spec is " + yaml.length() + " characters long; the limit is " + MAX_CHARS
                    + ". Split it into several projects.");
        }
        Spec spec;
        try {
            spec = YAML.readValue(yaml, Spec.class);
        } catch (UnrecognizedPropertyException e) {
            throw new SpecException(keyLine(yaml, e) + "unknown key '" + e.getPropertyName() + "'" + in(e) + ". Known keys: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "))
                    + ".");
        } catch (JsonMappingException e) {
            // Jackson's words may quote the value; under secrets that would be a password.
            String why = path(e).contains(".secrets") ? "a secret is {env: VARIABLE} or {file: ENTRY}"
                    : firstLine(e.getOriginalMessage());
            throw new SpecException(at(e) + "cannot read " + path(e) + ": " + why + ".");
        } catch (JsonProcessingException e) {
            throw new SpecException(at(e) + "this is not valid YAML: " + firstLine(e.getOriginalMessage()) + ".");
        }
        if (spec == null) {
            throw new SpecException("The spec is empty: it needs at least a project name (project: my-project).");
        }
        List<String> problems = problems(spec);
        if (!problems.isEmpty()) {
            throw new SpecException("The spec cannot be used as it is:\n- " + String.join("\n- ", problems));
        }
        return spec;
    }

    public static String write(Spec spec) {
        try {
            return YAML.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new SpecException("Could not write the spec: " + e.getOriginalMessage(), e);
        }
    }

    /** What is wrong with a spec that parsed, in words; empty when it can be planned. */
    static List<String> problems(Spec spec) {
        List<String> problems = new ArrayList<>();
        if (spec.project() == null || !spec.project().matches(NAME)) {
            problems.add("project: name the project (letters, digits, - and _), e.g. project: shop. Apply deletes "
                    + "only what this project created.");
        }
        duplicates(spec.integrations().stream().map(IntegrationSpec::name).toList(), "integration", problems);
        duplicates(spec.tables().stream().map(TableSpec::name).toList(), "table", problems);
        duplicates(spec.jobs().stream().map(JobSpec::name).toList(), "job", problems);
        for (int i = 0; i < spec.integrations().size(); i++) {
            IntegrationSpec s = spec.integrations().get(i);
            String where = "integrations[" + i + "]" + (s.name() == null ? "" : " (" + s.name() + ")") + ": ";
            if (s.name() == null || s.name().isBlank()) {
                problems.add(where + "needs a name");
            }
            if (dev.eddy.integration.IntegrationKind.ofSpecName(s.kind()) == null) {
                problems.add(where + "kind is kafka, postgres or opensearch, not " + s.kind());
            }
            s.secrets().forEach((key, ref) -> {
                if (ref == null || (ref.env() == null) == (ref.file() == null)) {
                    problems.add(where + "secret " + key + " must name where its value is, never the value itself: "
                            + "{env: VARIABLE} or {file: ENTRY}");
                } else if (!ref.key().matches("[A-Za-z_][A-Za-z0-9_.-]{0,127}")) {
                    problems.add(where + "secret " + key + " names '" + ref.key() + "': use letters, digits, _ . -");
                }
            });
        }
        for (int i = 0; i < spec.tables().size(); i++) {
            TableSpec t = spec.tables().get(i);
            String where = "tables[" + i + "]" + (t.name() == null ? "" : " (" + t.name() + ")") + ": ";
            if (t.name() == null || t.name().isBlank()) {
                problems.add(where + "needs a name");
            }
            if (t.connector() != null && !List.of("kafka", "upsert-kafka", "jdbc").contains(t.connector())) {
                problems.add(where + "connector is kafka, upsert-kafka or jdbc, not " + t.connector());
            }
            if (!t.infersColumns() && !t.columns().isArray()) {
                problems.add(where + "columns is a list of {name, type} (or {name, expression}), or the word infer");
            }
        }
        for (int i = 0; i < spec.jobs().size(); i++) {
            JobSpec j = spec.jobs().get(i);
            String where = "jobs[" + i + "]" + (j.name() == null ? "" : " (" + j.name() + ")") + ": ";
            if (j.name() == null || j.name().isBlank()) {
                problems.add(where + "needs a name");
            }
            if (j.sql() == null || j.sql().isBlank()) {
                problems.add(where + "needs its sql (an INSERT INTO … or EXECUTE STATEMENT SET)");
            }
            if (j.state() != null && !List.of("running", "stopped").contains(j.state().strip().toLowerCase())) {
                problems.add(where + "state is running or stopped, not " + j.state());
            }
            if (j.upgrade() != null && !List.of("savepoint", "last-state", "stateless")
                    .contains(j.upgrade().strip().toLowerCase())) {
                problems.add(where + "upgrade is savepoint, last-state or stateless, not " + j.upgrade());
            }
        }
        return problems;
    }

    private static void duplicates(List<String> names, String what, List<String> problems) {
        Set<String> seen = new HashSet<>();
        names.stream().filter(n -> n != null && !seen.add(n.toLowerCase())).distinct()
                .forEach(n -> problems.add("the " + what + " " + n + " is named twice"));
    }

    /** Jackson reports where it stopped reading (past the value); the key's own line is what to fix. */
    private static String keyLine(String yaml, UnrecognizedPropertyException e) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^[\\s-]*\"?"
                + java.util.regex.Pattern.quote(e.getPropertyName()) + "\"?\\s*:").matcher(yaml);
        if (!m.find()) {
            return at(e);
        }
        return "Line " + (yaml.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1) + ": ";
    }

    private static String at(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        return where == null || where.getLineNr() < 1 ? "" : "Line " + where.getLineNr() + ": ";
    }

    private static String in(JsonMappingException e) {
        String path = path(e);
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : " in " + path.substring(0, dot);
    }

    /** Where in the spec, as a person would write it: tables[1].watermark.column. */
    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        return out.isEmpty() ? "the spec" : out.toString();
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
