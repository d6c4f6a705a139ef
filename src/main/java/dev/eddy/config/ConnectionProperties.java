package dev.eddy.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Addresses of the services Eddy uses when a piece is not embedded (remote mode): an existing
 * Flink SQL Gateway and JobManager, Kafka, and the PostgreSQL that holds Eddy's store.
 */
@ConfigurationProperties("eddy")
public record ConnectionProperties(@DefaultValue Flink flink, @DefaultValue Kafka kafka, @DefaultValue Store store) {

    /** The Flink session cluster: its SQL Gateway and its JobManager REST API. */
    public record Flink(String gatewayUrl, String jobmanagerUrl) {}

    /** The Kafka cluster the sample and default integration point at. */
    public record Kafka(String bootstrapServers) {}

    /** The PostgreSQL database holding Eddy's own store. */
    public record Store(String url, @DefaultValue("eddy") String username, Secret password) {
        public Store {
            password = password == null ? Secret.of("") : password;
        }
    }
}
