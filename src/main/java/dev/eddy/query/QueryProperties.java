package dev.eddy.query;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of interactive queries. Memory per query is bounded by the two caps whatever the input
 * rate (the oldest rows and changes are dropped, with a note); a time limit of 0 means none.
 *
 * @param refreshInterval how often a running result is pushed to the browser
 * @param maxRunningPerUser queries one person may run at once (each holds a task slot while it runs)
 */
@Validated
@ConfigurationProperties("eddy.query")
public record QueryProperties(
        @DefaultValue("10000") @Min(1) @Max(1_000_000) int maxTableRows,
        @DefaultValue("100000") @Min(1) @Max(10_000_000) int maxChangelogEntries,
        @DefaultValue("0s") @NotNull Duration timeLimit,
        @DefaultValue("250ms") @NotNull Duration refreshInterval,
        @DefaultValue("10") @Min(1) @Max(1000) int maxRunningPerUser) {}
