package dev.eddy.query;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of interactive queries. Memory per query is bounded by the two caps whatever the input
 * rate (the oldest rows and changes are dropped, with a note).
 *
 * @param timeLimit how long a console query runs before Eddy stops it and gives its task slot back,
 *     unless its user pressed Keep running; 0 means no limit
 * @param refreshInterval how often a running result is pushed to the browser
 * @param maxRunningPerUser queries one person may run at once (each holds a task slot while it runs)
 * @param maxResultBytes what one query's kept rows and changes may take of the heap together (estimated):
 *     wide rows are dropped oldest first before the row caps are reached
 */
@Validated
@ConfigurationProperties("eddy.query")
public record QueryProperties(
        @DefaultValue("10000") @Min(1) @Max(1_000_000) int maxTableRows,
        @DefaultValue("100000") @Min(1) @Max(10_000_000) int maxChangelogEntries,
        @DefaultValue("10m") @NotNull Duration timeLimit,
        @DefaultValue("250ms") @NotNull Duration refreshInterval,
        @DefaultValue("10") @Min(1) @Max(1000) int maxRunningPerUser,
        @DefaultValue("64MB") @NotNull DataSize maxResultBytes) {

    /** A limit as people say it: "10 min", "90 s", "2 h". */
    public static String describe(Duration limit) {
        long s = limit.toSeconds();
        if (s > 0 && s % 3600 == 0) {
            return s / 3600 + " h";
        }
        return s > 0 && s % 60 == 0 ? s / 60 + " min" : s + " s";
    }
}
