package dev.eddy.observe.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How figures, durations and times read in alert messages and on the Alerts page. */
public final class AlertText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private AlertText() {}

    /** 2, 2.5, 1,200,000: no trailing ".0" for whole numbers. */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(java.util.Locale.ROOT, "%,d", (long) value);
        }
        return String.format(java.util.Locale.ROOT, "%,.2f", value);
    }

    /** 30 s, 10 min, 2 h, 1 h 30 min, 1 d. */
    public static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s % 86_400 == 0) {
            return s / 86_400 + " d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + " h";
        }
        if (s < 3600) {
            return s % 60 == 0 ? s / 60 + " min" : s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + (s % 3600) / 60 + " min";
    }

    public static String time(Instant at) {
        return TIME.format(at);
    }
}
