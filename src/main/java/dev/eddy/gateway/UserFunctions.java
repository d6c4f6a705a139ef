package dev.eddy.gateway;

import java.util.List;

/**
 * What Eddy knows of the functions its catalog serves through the gateway, beyond their names: for
 * the schema tree, completion and error texts.
 */
public interface UserFunctions {
    /** A function: where it comes from ("strings v2") and its signatures as SQL types. */
    record Described(String catalog, String database, String name, String className, String source, String kind,
            List<String> signatures) {
        /** The first signature (and how many more), else the kind: what one line can say. */
        public String summary() {
            String first = signatures.isEmpty() ? (kind == null ? "function" : kind) : signatures.get(0)
                    + (signatures.size() > 1 ? "  (+" + (signatures.size() - 1) + " more)" : "");
            return first + " · " + source;
        }

        /** "shout (dev.eddy.udf.Shout from strings v2)". */
        public String naming() {
            return name + " (" + className + " from " + source + ")";
        }
    }

    List<Described> describe();

    /** The function an exception was thrown inside: its class is in the stack trace. */
    static java.util.Optional<Described> thrownIn(List<Described> functions, String trace) {
        if (trace == null || trace.isEmpty()) {
            return java.util.Optional.empty();
        }
        return functions.stream().filter(f -> f.className() != null && (trace.contains("at " + f.className() + ".")
                || trace.contains("at " + f.className() + "$"))).findFirst();
    }

    UserFunctions NONE = List::of;
}
