package dev.eddy.integration;

import java.util.List;

/** The settings and secrets of a Kafka integration, by name. */
public final class KafkaSettings {
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String SECURITY_PROTOCOL = "security.protocol";
    public static final String SASL_MECHANISM = "sasl.mechanism";
    /** CA certificates to trust for TLS, PEM; empty trusts the JVM's default authorities. Public, not a secret. */
    /** The Confluent-compatible schema registry of the cluster's Avro topics, if it has one. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String TRUSTED_CERTIFICATES = "ssl.truststore.certificates";
    public static final String READ_USER = Credentials.READ_USER;
    public static final String WRITE_USER = Credentials.WRITE_USER;
    public static final String READ_PASSWORD = Credentials.READ_PASSWORD;
    public static final String WRITE_PASSWORD = Credentials.WRITE_PASSWORD;
    public static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    public static final List<String> MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    private KafkaSettings() {}
}
