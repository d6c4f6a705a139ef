package dev.eddy.ui.sql;

import dev.eddy.cluster.JobHealth;
import dev.eddy.gateway.GatewayException;

/** The message about the Flink job an INSERT from the editor left running: running, failing, ended. */
final class JobStatus {
    private JobStatus() {}

    static void show(MessagePanel message, JobHealth health) {
        String restarts = health.restarts() == 1 ? "1 restart" : health.restarts() + " restarts";
        String cause = health.failure().orElse("Flink gave no reason");
        switch (health.state()) {
            case "FINISHED" -> message.success("The INSERT's job finished"
                    + (health.restarts() > 0 ? " after " + restarts : "") + ": every row is written.");
            case "CANCELED" -> message.success("The INSERT's job was cancelled.");
            case "FAILED" -> message.error(new GatewayException(GatewayException.Kind.SQL,
                    "The INSERT's job failed on Flink" + (health.restarts() > 0 ? " after " + restarts : "") + ": "
                            + cause, cause, health.trace().orElse(null), null, null,
                    "Nothing more is written. Fix what the cause names and run the INSERT again."));
            default -> {
                if (health.troubled()) {
                    message.error(new GatewayException(GatewayException.Kind.SQL,
                            "The INSERT's job is failing on Flink (" + restarts + "): " + cause, cause,
                            health.trace().orElse(null), null, null,
                            "Flink restarts it by its restart strategy. Cancel it on the Jobs page (Other jobs on "
                                    + "the cluster), fix the cause, and run it again; or deploy it as a job."));
                } else if (health.waiting().isPresent()) {
                    message.warning("The INSERT's job is not running yet. " + health.waiting().get());
                } else {
                    message.success("The INSERT's job is running on the cluster.");
                }
            }
        }
    }
}
