package dev.eddy.gitops;

/** A planned change and the work that makes it; {@code work} is null when there is nothing to do. */
record Step(PlannedChange change, Runnable work) {
    static Step keep(ResourceKind kind, String name) {
        return new Step(new PlannedChange(kind, name, PlannedChange.Action.NONE, java.util.List.of(), null, null), null);
    }
}
