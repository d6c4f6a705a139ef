package dev.eddy.job;

import java.time.Instant;

/**
 * A named pipeline Eddy keeps running: its current version, whether the user wants it running, and
 * what Flink last said about the run of it ({@code flinkJobId}).
 */
public record Job(long id, String name, String description, int version, DesiredState desiredState,
        String flinkJobId, Integer runningVersion, String state, String failure, Instant createdAt, Instant updatedAt,
        String owner) {

    /** Whether this user may stop, restart, edit or delete it: its owner, an admin, anyone for an ownerless job. */
    public boolean manageableBy(dev.eddy.security.Actor actor) {
        return actor.may(dev.eddy.security.Role.ADMIN) || owner == null || owner.equalsIgnoreCase(actor.name());
    }

    /** What the user asked for; Eddy brings a job that should run back after restarts. */
    public enum DesiredState { RUNNING, STOPPED }

    public boolean shouldRun() {
        return desiredState == DesiredState.RUNNING;
    }

    /** Whether the running (or last run) version is older than the job's current version. */
    public boolean runsOlderVersion() {
        return runningVersion != null && runningVersion < version;
    }

    public boolean isActive() {
        return JobStates.isActive(state);
    }
}
