package dev.eddy.query;

import dev.eddy.cluster.JobHealth;

/** What the history says of a statement whose Flink job ran on after it: an INSERT's. */
final class JobOutcome {
    private JobOutcome() {}

    static Outcome of(JobHealth health) {
        if ("CANCELED".equals(health.state())) {
            return Outcome.STOPPED;
        }
        if ("FINISHED".equals(health.state())) {
            return Outcome.SUCCEEDED;
        }
        return health.troubled() ? Outcome.FAILED : Outcome.SUCCEEDED;
    }

    static String describe(String flinkJobId, JobHealth health) {
        String job = "Flink job " + flinkJobId;
        String restarts = health.restarts() == 1 ? "1 restart" : health.restarts() + " restarts";
        String cause = health.failure().map(c -> ": " + c).orElse("");
        return switch (health.state()) {
            case "FINISHED" -> job + " finished" + (health.restarts() > 0 ? " after " + restarts : "");
            case "CANCELED" -> job + " was cancelled" + (health.restarts() > 0 ? " after " + restarts + cause : "");
            case "FAILED" -> job + " failed" + (health.restarts() > 0 ? " after " + restarts : "") + cause;
            default -> health.troubled() ? job + " is failing (" + restarts + ")" + cause : job + " is running";
        };
    }
}
