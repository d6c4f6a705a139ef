package dev.eddy.gitops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * A Kafka or PostgreSQL service in a spec. Secrets are never written in the file: each names an
 * environment variable or an entry of a secrets file, whose value the client sends with the request.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "kind", "settings", "secrets", "developersReadOnly"})
public record IntegrationSpec(String name, String kind, Map<String, String> settings, Map<String, SecretRef> secrets,
        Boolean developersReadOnly) {
    public IntegrationSpec {
        settings = settings == null ? Map.of() : new java.util.TreeMap<>(settings);
        secrets = secrets == null ? Map.of() : new java.util.TreeMap<>(secrets);
    }

    /** Where a secret's value comes from: {@code {env: NAME}} or {@code {file: NAME}} (an entry of the secrets file). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SecretRef(String env, String file) {
        /** A value written inline is read as no reference at all (and refused), never kept. */
        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        static SecretRef inline(String value) {
            return new SecretRef(null, null);
        }

        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.PROPERTIES)
        public SecretRef {
        }

        /** The name the client looks the value up by. */
        public String key() {
            return env != null ? env : file;
        }

        public String describe() {
            return env != null ? "environment variable " + env : "secrets file entry " + file;
        }
    }
}
