package dev.eddy.embedded;

import dev.eddy.cluster.ClusterPlan;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which Flink cluster Eddy runs ({@code eddy.cluster.plan}) and the size of a node of the plans it
 * runs as processes. Ports, task slots and parallelism are {@code eddy.embedded.flink.*}.
 */
@Validated
@ConfigurationProperties("eddy.cluster")
public record ClusterProperties(
        @DefaultValue("embedded") @NotNull ClusterPlan plan,
        @DefaultValue("1024m") @Pattern(regexp = MEMORY, message = MEMORY_MESSAGE) String jobmanagerMemory,
        @DefaultValue("1024m") @Pattern(regexp = MEMORY, message = MEMORY_MESSAGE) String taskmanagerMemory,
        @DefaultValue("false") boolean stopWithEddy) {
    static final String MEMORY = "[1-9][0-9]*\\s*(m|mb|g|gb)";
    static final String MEMORY_MESSAGE = "must be a size such as 1024m or 2g";

    /** The plan with the default node size, kept with Eddy's lifetime only as the plan keeps it. */
    public static ClusterProperties of(ClusterPlan plan) {
        return new ClusterProperties(plan, "1024m", "1024m", false);
    }

    /** Whether Eddy starts a Flink cluster at all (not for a remote one). */
    boolean runsFlink() {
        return plan != ClusterPlan.REMOTE;
    }
}
