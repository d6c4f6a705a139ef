package dev.eddy.job;

import java.time.Instant;

/** Somewhere a job's state can be restored from: a savepoint or a retained checkpoint. */
public record RestorePoint(String path, Savepoint.Kind kind, Instant takenAt, int version, String reason, Long sizeBytes) {

    public String label() {
        return (kind == Savepoint.Kind.SAVEPOINT ? "Savepoint" : "Checkpoint") + " of version " + version
                + (reason == null || reason.isBlank() ? "" : " (" + reason + ")");
    }
}
