package dev.eddy.embedded;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the zero-setup stack Eddy starts in its own JVM; a port of 0 picks a free one.
 */
@Validated
@ConfigurationProperties("eddy.embedded")
public record EmbeddedProperties(
        @DefaultValue("./data") @NotNull Path dataDir,
        @DefaultValue @Valid Postgres postgres,
        @DefaultValue @Valid Kafka kafka,
        @DefaultValue @Valid Flink flink) {

    /** The embedded PostgreSQL: Eddy's store and the sample database. */
    public record Postgres(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("15432") @Min(0) @Max(65535) int port) {}

    /** The embedded single-node KRaft broker and its live sample topic. */
    public record Kafka(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("19092") @Min(0) @Max(65535) int port,
            @DefaultValue("19093") @Min(0) @Max(65535) int controllerPort,
            @DefaultValue("2") @Min(0) @Max(10000) int sampleOrdersPerSecond) {}

    /**
     * The Flink cluster Eddy runs (see {@code eddy.cluster.plan}) and the SQL Gateway in front of it.
     * {@code stateDir} is where checkpoints and savepoints go (a path or a URI Flink can write); empty
     * means under the data directory.
     */
    public record Flink(
            @DefaultValue("8081") @Min(0) @Max(65535) int restPort,
            @DefaultValue("8083") @Min(0) @Max(65535) int gatewayPort,
            @DefaultValue("4") @Min(1) @Max(256) int taskSlots,
            @DefaultValue("1") @Min(1) @Max(256) int parallelism,
            @DefaultValue("") String stateDir) {}
}
