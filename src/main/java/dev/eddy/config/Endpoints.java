package dev.eddy.config;

/**
 * Where Eddy's adapters connect, resolved once at start: the embedded stack's addresses, or the
 * remote ones from {@link ConnectionProperties}. The rest of Eddy never knows which.
 */
public record Endpoints(
        String gatewayUrl,
        java.util.function.Supplier<String> jobManager,
        String kafkaBootstrapServers,
        String storeUrl,
        String storeUser,
        Secret storePassword) {

    /** The JobManager REST address to use now: on a cluster of several JobManagers, the leader's. */
    public String jobManagerUrl() {
        return jobManager.get();
    }
}
