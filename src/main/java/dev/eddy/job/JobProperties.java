package dev.eddy.job;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How Eddy looks after deployed jobs.
 *
 * @param savepointsRetained savepoints kept per job; older ones are disposed of
 * @param watchInterval how often Flink is asked about every job (state, latest checkpoint)
 * @param savepointTimeout how long a savepoint may take before Eddy says it failed
 * @param savepointOnShutdown stop running jobs with a savepoint when Eddy stops (the embedded
 *        cluster stops with Eddy; a remote cluster keeps running them): "auto" = only when embedded
 */
@Validated
@ConfigurationProperties("eddy.jobs")
public record JobProperties(
        @DefaultValue("5") @Min(1) int savepointsRetained,
        @DefaultValue("3s") @NotNull Duration watchInterval,
        @DefaultValue("2m") @NotNull Duration savepointTimeout,
        @DefaultValue("auto") @NotNull String savepointOnShutdown) {}
