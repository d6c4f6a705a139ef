package dev.eddy.integration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to reach an integration's service with one of its credentials: Kafka client settings, or a
 * JDBC URL and login. Plain functions of the stored integration, so Eddy and its catalog inside a
 * remote Flink gateway connect tables alike.
 */
public final class ConnectionOptions {

    private ConnectionOptions() {}

    /**
     * The Kafka client settings for reaching the cluster (no timeouts): address, TLS trust and, when
     * {@code user} is given on a SASL cluster, the login.
     */
    public static Map<String, String> kafkaClient(Integration i, String user, String password) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", i.setting(KafkaSettings.BOOTSTRAP_SERVERS));
        String protocol = i.setting(KafkaSettings.SECURITY_PROTOCOL);
        if (!protocol.isBlank()) {
            p.put("security.protocol", protocol);
        }
        String trusted = i.setting(KafkaSettings.TRUSTED_CERTIFICATES).strip();
        if (protocol.endsWith("SSL") && !trusted.isEmpty()) {
            p.put("ssl.truststore.type", "PEM");
            p.put("ssl.truststore.certificates", trusted);
        }
        if (protocol.startsWith("SASL") && user != null) {
            String mechanism = i.setting(KafkaSettings.SASL_MECHANISM).isBlank() ? "PLAIN"
                    : i.setting(KafkaSettings.SASL_MECHANISM);
            String module = mechanism.startsWith("SCRAM")
                    ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                    : "org.apache.kafka.common.security.plain.PlainLoginModule";
            p.put("sasl.mechanism", mechanism);
            p.put("sasl.jaas.config", module + " required username=\"" + escape(user) + "\" password=\""
                    + escape(password) + "\";");
        }
        return p;
    }

    /**
     * The connector options of a Flink table over the integration, with the credential of the
     * table's role: read-only for a source, read-write for a sink (the read-only one when no writer
     * is set).
     */
    public static Map<String, String> flinkTable(Integration i, Map<String, String> secrets, boolean write) {
        boolean useWriter = write && !i.setting(Credentials.WRITE_USER).isBlank();
        String user = i.setting(useWriter ? Credentials.WRITE_USER : Credentials.READ_USER);
        String password = secrets.getOrDefault(useWriter ? Credentials.WRITE_PASSWORD : Credentials.READ_PASSWORD, "");
        Map<String, String> options = new LinkedHashMap<>();
        if (i.kind() == IntegrationKind.KAFKA) {
            boolean sasl = i.setting(KafkaSettings.SECURITY_PROTOCOL).startsWith("SASL");
            kafkaClient(i, sasl ? user : null, password).forEach((k, v) -> options.put("properties." + k, v));
        } else {
            String ssl = i.setting(PostgresSettings.SSL_MODE);
            options.put("url", PostgresSettings.jdbcUrl(i) + "?sslmode=" + (ssl.isBlank() ? "prefer" : ssl));
            // Flink wants both or neither; a role without a password (trust auth) gets an empty one.
            options.put("username", user);
            options.put("password", password);
        }
        return options;
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
