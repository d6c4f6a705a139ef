package dev.eddy.integration;

import dev.eddy.config.Secret;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/** The Kafka and PostgreSQL services Eddy knows: saving them with encrypted secrets, and testing them. */
@Service
public class IntegrationService {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private final IntegrationRepository repository;
    private final List<IntegrationSeed> seeds;

    IntegrationService(IntegrationRepository repository, List<IntegrationSeed> seeds) {
        this.repository = repository;
        this.seeds = seeds;
    }

    /** Registers the built-in integrations, refreshing their addresses (embedded ports may change). */
    @EventListener(ApplicationReadyEvent.class)
    public void registerBuiltIns() {
        for (IntegrationSeed seed : seeds) {
            for (IntegrationDraft draft : seed.integrations()) {
                repository.upsert(draft.name(), draft.kind(), draft.settings(), plain(draft.secrets(), Map.of()), true);
            }
        }
    }

    public List<Integration> list() {
        return repository.findAll();
    }

    public Integration get(String name) {
        return repository.find(name).orElseThrow(() -> new IntegrationException("No integration named " + name));
    }

    /** Creates or updates; secrets missing from the draft keep their stored values. */
    public Integration save(IntegrationDraft draft) {
        validate(draft);
        repository.find(draft.name()).filter(Integration::builtIn).ifPresent(i -> {
            throw new IntegrationException(i.name() + " is built in: Eddy keeps its settings. Add another integration "
                    + "to change them.");
        });
        Map<String, String> stored = repository.find(draft.name()).isPresent() ? repository.secrets(draft.name()) : Map.of();
        repository.upsert(draft.name(), draft.kind(), draft.settings(), plain(draft.secrets(), stored), false);
        return get(draft.name());
    }

    public void delete(String name) {
        Integration i = get(name);
        if (i.builtIn()) {
            throw new IntegrationException(name + " is built in and cannot be removed.");
        }
        repository.delete(name);
    }

    public ConnectionCheck test(String name) {
        Integration i = get(name);
        return check(i, repository.secrets(name));
    }

    /** Tests a draft before it is saved; secrets it leaves out come from the stored integration. */
    public ConnectionCheck test(IntegrationDraft draft) {
        validate(draft);
        Map<String, String> stored = repository.find(draft.name()).isPresent() ? repository.secrets(draft.name()) : Map.of();
        Integration i = new Integration(0, draft.name(), draft.kind(), draft.settings(), java.util.Set.of(), false);
        return check(i, plain(draft.secrets(), stored));
    }

    private static ConnectionCheck check(Integration i, Map<String, String> secrets) {
        return i.kind() == IntegrationKind.KAFKA ? KafkaConnectionTester.test(i, secrets)
                : PostgresConnectionTester.test(i, secrets);
    }

    private static Map<String, String> plain(Map<String, Secret> given, Map<String, String> stored) {
        Map<String, String> result = new HashMap<>(stored);
        given.forEach((k, v) -> {
            if (v == null) {
                return;
            }
            if (v.isEmpty()) {
                result.remove(k);
            } else {
                result.put(k, v.value());
            }
        });
        return result;
    }

    private static void validate(IntegrationDraft d) {
        if (d.name() == null || !NAME.matcher(d.name()).matches()) {
            throw new IntegrationException("A name is lower case letters, digits and dashes, starting with a letter "
                    + "(e.g. orders-kafka)");
        }
        if (d.kind() == IntegrationKind.KAFKA) {
            if (d.settings().getOrDefault(KafkaSettings.BOOTSTRAP_SERVERS, "").isBlank()) {
                throw new IntegrationException("Bootstrap servers are needed, e.g. broker-1:9092,broker-2:9092");
            }
        } else {
            for (String key : List.of(PostgresSettings.HOST, PostgresSettings.PORT, PostgresSettings.DATABASE,
                    PostgresSettings.READ_USER)) {
                if (d.settings().getOrDefault(key, "").isBlank()) {
                    throw new IntegrationException("PostgreSQL needs a host, a port, a database and a read-only user; "
                            + key + " is missing");
                }
            }
            if (!d.settings().get(PostgresSettings.PORT).matches("\\d{1,5}")) {
                throw new IntegrationException("The port must be a number, e.g. 5432");
            }
        }
    }
}
