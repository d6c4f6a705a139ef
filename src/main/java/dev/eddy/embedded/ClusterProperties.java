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
        @DefaultValue("false") boolean stopWithEddy,
        @DefaultValue @NotNull @jakarta.validation.Valid ObjectStorageSettings objectStorage) {
    static final String MEMORY = "[1-9][0-9]*\\s*(m|mb|g|gb)";
    static final String MEMORY_MESSAGE = "must be a size such as 1024m or 2g";

    /** The plan with the default node size, kept with Eddy's lifetime only as the plan keeps it. */
    public static ClusterProperties of(ClusterPlan plan) {
        return new ClusterProperties(plan, "1024m", "1024m", false, new ObjectStorageSettings("", "eddy", "", ""));
    }

    /**
     * Where the managed plans keep checkpoints and savepoints: an S3-compatible {@code endpoint} with its
     * keys, or, when it is blank, an S3 API server Eddy runs over its data directory.
     */
    public record ObjectStorageSettings(
            @DefaultValue("") @Pattern(regexp = "|https?://\\S+", message = "must be an http:// or https:// address")
            String endpoint,
            @DefaultValue("eddy") @Pattern(regexp = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]",
                    message = "must be an S3 bucket name: 3 to 63 lower-case letters, digits, dots and hyphens") String bucket,
            @DefaultValue("") String accessKey,
            @DefaultValue("") String secretKey) {

        /** The store an admin named, if any. */
        java.util.Optional<ObjectStorage> external() {
            if (endpoint == null || endpoint.isBlank()) {
                return java.util.Optional.empty();
            }
            if (accessKey.isBlank() || secretKey.isBlank()) {
                throw new IllegalStateException("eddy.cluster.object-storage.endpoint is set (" + endpoint + ") but its "
                        + "access-key or secret-key is not: set both (EDDY_CLUSTER_OBJECTSTORAGE_ACCESSKEY and "
                        + "EDDY_CLUSTER_OBJECTSTORAGE_SECRETKEY).");
            }
            return java.util.Optional.of(new ObjectStorage(endpoint.strip(), bucket, accessKey, secretKey));
        }

        @Override
        public String toString() {
            return "ObjectStorageSettings[" + (endpoint.isBlank() ? "Eddy's own S3 API server" : endpoint) + ", bucket " + bucket + "]";
        }
    }

    /** Whether Eddy starts a Flink cluster at all (not for a remote one). */
    boolean runsFlink() {
        return plan != ClusterPlan.REMOTE;
    }
}
