package dev.eddy.gitops;

import java.util.List;

/**
 * What an apply did: each planned change with its outcome, in order. It stops at the first
 * failure; what it did before stays done and is listed, what comes after is not attempted.
 */
public record ApplyReport(String project, List<Outcome> steps) {
    public ApplyReport {
        steps = List.copyOf(steps);
    }

    /** One change and what became of it. */
    public record Outcome(PlannedChange change, Result result, String message) {}

    /** Done, failed (the apply stopped there), or not attempted after a failure. */
    public enum Result { DONE, UNCHANGED, FAILED, NOT_ATTEMPTED }

    public boolean failed() {
        return steps.stream().anyMatch(s -> s.result() == Result.FAILED);
    }

    public boolean changedAnything() {
        return steps.stream().anyMatch(s -> s.result() == Result.DONE);
    }

    /** The report as the CLI prints it. */
    public String text() {
        StringBuilder out = new StringBuilder("Apply of project " + project + ":\n");
        for (Outcome s : steps) {
            if (s.result() == Result.UNCHANGED) {
                continue;
            }
            String head = switch (s.result()) {
                case DONE -> "  done    ";
                case FAILED -> "  FAILED  ";
                case NOT_ATTEMPTED -> "  skipped ";
                case UNCHANGED -> "";
            };
            out.append(head).append(s.change().action().name().toLowerCase()).append(' ')
                    .append(s.change().kind().word()).append(' ').append(s.change().name());
            if (s.message() != null) {
                out.append(": ").append(s.message());
            }
            out.append('\n');
        }
        if (!changedAnything() && !failed()) {
            out.append("Nothing to do: Eddy matches the spec.\n");
        }
        return out.toString();
    }
}
