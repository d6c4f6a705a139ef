package dev.eddy.ui;

import java.time.Duration;
import java.time.Instant;

/** How long ago something happened, the way a person says it ("3 min ago"). */
public final class RelativeTime {
    private RelativeTime() {}

    public static String ago(Instant then) {
        return then == null ? "" : ago(Duration.between(then, Instant.now()));
    }

    static String ago(Duration d) {
        if (d.toMinutes() < 1) {
            return Math.max(0, d.toSeconds()) + " s ago";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min ago";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " h ago";
        }
        return d.toDays() + " d ago";
    }
}
