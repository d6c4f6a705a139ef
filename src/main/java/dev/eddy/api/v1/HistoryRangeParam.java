package dev.eddy.api.v1;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** The {@code range} of a history route: an ISO-8601 duration, refused in words otherwise. */
final class HistoryRangeParam {
    private HistoryRangeParam() {}

    static Duration parse(String range) {
        try {
            return Duration.parse(range);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("range '" + range + "' is not an ISO-8601 duration: send e.g. PT15M, PT6H or P14D.");
        }
    }
}
