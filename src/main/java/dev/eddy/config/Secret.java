package dev.eddy.config;

/** A password or key that never shows in logs, toString or error messages. */
public record Secret(String value) {
    public Secret {
        value = value == null ? "" : value;
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "(none)" : "******";
    }
}
