package dev.eddy.config;

/**
 * Where Eddy's adapters connect, resolved once at start: the embedded stack's addresses, or the
 * remote ones from {@link ConnectionProperties}. The rest of Eddy never knows which.
 */
public record Endpoints(
        String gatewayUrl,
        String jobManagerUrl,
        String kafkaBootstrapServers,
        String storeUrl,
        String storeUser,
        Secret storePassword) {}
