package dev.eddy.gitops;

import java.util.List;

/**
 * What an apply would do to one resource, and why.
 *
 * @param details the diff, one line each: {@code + added}, {@code - removed}, {@code ~ changed}
 * @param state for a job: whether its state is kept, and how
 * @param decision set when apply would refuse until the spec says more (a state that does not
 *     fit, a secret's value not sent, a right the user lacks)
 */
public record PlannedChange(ResourceKind kind, String name, Action action, List<String> details, String state,
        String decision) {

    public PlannedChange {
        details = List.copyOf(details);
    }

    /** What happens to the resource. */
    public enum Action { CREATE, CHANGE, DELETE, NONE }

    public boolean changes() {
        return action != Action.NONE;
    }

    /** One block of the printed plan. */
    public String text() {
        String head = switch (action) {
            case CREATE -> "+ create ";
            case CHANGE -> "~ change ";
            case DELETE -> "- delete ";
            case NONE -> "  keep   ";
        } + kind.word() + " " + name;
        StringBuilder out = new StringBuilder(head);
        details.forEach(d -> out.append("\n      ").append(d));
        if (state != null) {
            out.append("\n      state: ").append(state);
        }
        if (decision != null) {
            out.append("\n      ! ").append(decision);
        }
        return out.toString();
    }
}
