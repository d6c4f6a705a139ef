package dev.eddy.support;

import dev.eddy.EddyApplication;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
        all.put("eddy.embedded.flink.enabled", "false");
        // Nothing of a remote Eddy belongs in ./data, not even a key file.
        all.put("eddy.security.secret-key-file", "target/it-remote/secret.key");
        return run(all, settings);
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
        return new SpringApplicationBuilder(EddyApplication.class).run(args);
    }
}
