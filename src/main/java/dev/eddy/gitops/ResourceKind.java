package dev.eddy.gitops;

/** The three kinds of resource a spec holds, in the order apply creates them. */
public enum ResourceKind {
    INTEGRATION, TABLE, JOB;

    public String word() {
        return name().toLowerCase();
    }
}
