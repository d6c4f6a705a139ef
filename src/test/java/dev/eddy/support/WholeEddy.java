package dev.eddy.support;

import dev.eddy.EddyApplication;
import dev.eddy.cluster.ClusterPlan;
import dev.eddy.embedded.ClusterProperties;
import dev.eddy.embedded.EmbeddedProperties;
import dev.eddy.embedded.EmbeddedStack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole Eddy started as a user starts it, for tests that restart it or point it elsewhere. Its
 * settings go in as command-line arguments: Spring's default properties lose to application.yml,
 * which would put such an Eddy on port 8080 and in the developer's own ./data.
 */
public final class WholeEddy {
    private WholeEddy() {}

    /** Eddy with its embedded stack on free ports, keeping its data in {@code dataDir}; later settings win. */
    public static ConfigurableApplicationContext embedded(Path dataDir, String... settings) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("eddy.embedded.data-dir", dataDir.toString());
        all.put("eddy.embedded.postgres.port", "0");
        all.put("eddy.embedded.kafka.port", "0");
        all.put("eddy.embedded.kafka.controller-port", "0");
        all.put("eddy.embedded.kafka.sample-orders-per-second", "5");
        all.put("eddy.embedded.flink.rest-port", "0");
        all.put("eddy.embedded.flink.gateway-port", "0");
        return run(all, settings);
    }

    /** Eddy with nothing embedded, on the given services; later settings win. */
    public static ConfigurableApplicationContext remote(String... settings) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("eddy.embedded.postgres.enabled", "false");
        all.put("eddy.embedded.kafka.enabled", "false");
        all.put("eddy.cluster.plan", "remote");
        // Nothing of a remote Eddy belongs in ./data, not even a key file.
        all.put("eddy.security.secret-key-file", "target/it-remote/secret.key");
        return run(all, settings);
    }

    /** Services started apart from Eddy, as a user's own would be: PostgreSQL, Kafka, Flink and its gateway. */
    public static EmbeddedStack separateServices(Path dataDir) {
        return new EmbeddedStack(new EmbeddedProperties(dataDir, new EmbeddedProperties.Postgres(true, 0),
                new EmbeddedProperties.Kafka(true, 0, 0, 0), new EmbeddedProperties.Flink(0, 0, 2, 1, "")),
                ClusterProperties.of(ClusterPlan.EMBEDDED))
                .start();
    }

    /** Eddy with nothing embedded, on {@code services}' gateway, JobManager, Kafka and store; later settings win. */
    public static ConfigurableApplicationContext remoteOn(EmbeddedStack services, String... settings) {
        List<String> all = new ArrayList<>(List.of(
                "eddy.flink.gateway-url=" + services.gatewayUrl().orElseThrow(),
                "eddy.flink.jobmanager-url=" + services.jobManagerUrl().orElseThrow(),
                "eddy.kafka.bootstrap-servers=" + services.kafkaBootstrapServers().orElseThrow(),
                "eddy.store.url=" + services.postgresUrl("eddy").orElseThrow(),
                "eddy.store.username=" + services.storeUser(),
                "eddy.store.password=" + services.storePassword()));
        all.addAll(List.of(settings));
        return remote(all.toArray(String[]::new));
    }

    private static ConfigurableApplicationContext run(Map<String, String> base, String... settings) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.port", "0");
        all.putAll(base);
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            all.put(setting.substring(0, eq), setting.substring(eq + 1));
        }
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        // Starting Eddy installs Vaadin's own holder of the acting user: whoever the test acts as
        // (AsAdmin) moves into it, so calls on the new Eddy's services still have a user.
        var acting = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        ConfigurableApplicationContext eddy = new SpringApplicationBuilder(EddyApplication.class).run(args);
        if (acting != null) {
            org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(acting);
        }
        return eddy;
    }
}
