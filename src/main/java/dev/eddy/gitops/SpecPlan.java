package dev.eddy.gitops;

import java.util.List;

/** Everything an apply of a spec would do, resource by resource, in the order it would do it. */
public record SpecPlan(String project, List<PlannedChange> changes) {
    public SpecPlan {
        changes = List.copyOf(changes);
    }

    public boolean hasChanges() {
        return changes.stream().anyMatch(PlannedChange::changes);
    }

    /** The changes apply refuses until the spec or the user decides; empty when it can go ahead. */
    public List<String> decisions() {
        return changes.stream().filter(c -> c.decision() != null)
                .map(c -> c.kind().word() + " " + c.name() + ": " + c.decision()).toList();
    }

    /** The plan as the CLI prints it. */
    public String text() {
        StringBuilder out = new StringBuilder("Plan for project " + project + ":\n");
        changes.stream().filter(PlannedChange::changes).forEach(c -> out.append(c.text()).append('\n'));
        long create = count(PlannedChange.Action.CREATE);
        long change = count(PlannedChange.Action.CHANGE);
        long delete = count(PlannedChange.Action.DELETE);
        if (!hasChanges()) {
            out.append("Nothing to do: Eddy matches the spec (").append(changes.size()).append(" resources).\n");
        } else {
            out.append(create).append(" to create, ").append(change).append(" to change, ").append(delete)
                    .append(" to delete, ").append(count(PlannedChange.Action.NONE)).append(" unchanged.\n");
        }
        if (!decisions().isEmpty()) {
            out.append("Apply will refuse until these are decided:\n");
            decisions().forEach(d -> out.append("  ! ").append(d).append('\n'));
        }
        return out.toString();
    }

    private long count(PlannedChange.Action action) {
        return changes.stream().filter(c -> c.action() == action).count();
    }
}
