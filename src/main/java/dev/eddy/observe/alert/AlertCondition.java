package dev.eddy.observe.alert;

/** What a rule watches, and how its threshold, window and duration read in words. */
public enum AlertCondition {
    JOB_NOT_RUNNING("Job not running", Watches.JOB, false, false, ""),
    RESTARTS("Job restarts", Watches.JOB, true, true, "restarts"),
    CHECKPOINT_FAILURES("Failed checkpoints", Watches.JOB, true, true, "failed checkpoints"),
    SOURCE_LAG("Source lag", Watches.JOB, true, false, "records behind"),
    BACK_PRESSURE("Back pressure", Watches.JOB, true, false, "% of each second"),
    INTEGRATION_UNREACHABLE("Integration unreachable", Watches.INTEGRATION, false, false, ""),
    HEAP("Heap used", Watches.PROCESS, true, false, "% of its heap"),
    CPU("CPU used", Watches.PROCESS, true, false, "% CPU");

    /** What kind of thing a rule of the condition watches. */
    public enum Watches { JOB, INTEGRATION, PROCESS }

    private final String label;
    private final Watches watches;
    private final boolean hasThreshold;
    private final boolean counts;
    private final String unit;

    AlertCondition(String label, Watches watches, boolean hasThreshold, boolean counts, String unit) {
        this.label = label;
        this.watches = watches;
        this.hasThreshold = hasThreshold;
        this.counts = counts;
        this.unit = unit;
    }

    public String label() {
        return label;
    }

    public Watches watches() {
        return watches;
    }

    /** Whether it compares a figure with the rule's threshold. */
    public boolean hasThreshold() {
        return hasThreshold;
    }

    /** Whether it counts events within the rule's window (restarts, failed checkpoints) rather than reads a level. */
    public boolean counts() {
        return counts;
    }

    public String unit() {
        return unit;
    }

    /** When a rule with these figures fires, in words: "more than 2 restarts in 10 min". */
    public String when(double threshold, java.time.Duration window, java.time.Duration holdFor) {
        String when = switch (this) {
            case JOB_NOT_RUNNING -> "a job that should run is not running";
            case INTEGRATION_UNREACHABLE -> "nothing answers at the integration's address";
            case RESTARTS, CHECKPOINT_FAILURES -> "more than " + AlertText.number(threshold) + " " + unit + " in "
                    + AlertText.duration(window);
            case SOURCE_LAG -> "more than " + AlertText.number(threshold) + " " + unit;
            case HEAP, CPU -> "a JobManager or TaskManager uses more than " + AlertText.number(threshold) + " " + unit;
            case BACK_PRESSURE -> "a task waits for the next to take its output more than " + AlertText.number(threshold)
                    + " " + unit;
        };
        return holdFor.isZero() ? when : when + " for " + AlertText.duration(holdFor);
    }
}
