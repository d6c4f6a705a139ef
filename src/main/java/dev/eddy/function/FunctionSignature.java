package dev.eddy.function;

import java.util.List;

/**
 * One function a library holds, as read from its class file without running it: the class, its kind,
 * and each {@code eval} (or {@code accumulate}) overload as SQL-like parameter types and result.
 */
public record FunctionSignature(String className, FunctionKind kind, List<String> signatures) {
    /** The class's simple name, the usual name to register it under, in lower case with underscores. */
    public String suggestedName() {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return simple.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
