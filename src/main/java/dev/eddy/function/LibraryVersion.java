package dev.eddy.function;

import java.time.Instant;
import java.util.List;

/**
 * One uploaded version of a function library: its file, checksum and size, the functions read from
 * it, who uploaded it when, and what changed from the version before.
 */
public record LibraryVersion(String library, int version, String fileName, String sha256, long sizeBytes,
        List<FunctionSignature> functions, String uploadedBy, Instant uploadedAt, Changes changes) {

    /** Functions added, removed, and changed (another kind or other signatures) since the version before. */
    public record Changes(List<String> added, List<String> removed, List<String> changed) {
        static final Changes NONE = new Changes(List.of(), List.of(), List.of());

        static Changes between(List<FunctionSignature> before, List<FunctionSignature> after) {
            java.util.Map<String, FunctionSignature> old = new java.util.HashMap<>();
            before.forEach(f -> old.put(f.className(), f));
            List<String> added = new java.util.ArrayList<>();
            List<String> changed = new java.util.ArrayList<>();
            for (FunctionSignature f : after) {
                FunctionSignature was = old.remove(f.className());
                if (was == null) {
                    added.add(f.className());
                } else if (!was.equals(f)) {
                    changed.add(f.className());
                }
            }
            return new Changes(List.copyOf(added), old.keySet().stream().sorted().toList(), List.copyOf(changed));
        }

        /** "1 added, 1 changed", or "no function changed". */
        public String summary() {
            List<String> parts = new java.util.ArrayList<>();
            if (!added.isEmpty()) {
                parts.add(added.size() + " added");
            }
            if (!removed.isEmpty()) {
                parts.add(removed.size() + " removed");
            }
            if (!changed.isEmpty()) {
                parts.add(changed.size() + " changed");
            }
            return parts.isEmpty() ? "no function changed" : String.join(", ", parts);
        }
    }
}
