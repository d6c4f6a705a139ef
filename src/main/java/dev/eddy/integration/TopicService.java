package dev.eddy.integration;

import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.springframework.stereotype.Service;

/** Whether a Kafka topic exists, and creating one, in an integration or at a table's own brokers. */
@Service
public class TopicService {
    private final IntegrationService integrations;
    private final IntegrationRepository repository;

    TopicService(IntegrationService integrations, IntegrationRepository repository) {
        this.integrations = integrations;
        this.repository = repository;
    }

    /** Whether the topic exists there: empty when Kafka could not be asked (unreachable, not allowed). */
    @Requires(Role.VIEWER)
    public Optional<Boolean> exists(TopicPlace place, String topic) {
        Properties client = client(place, false);
        // A broker that is down cannot tell: known in milliseconds (or 2 s), not after the admin client's timeout.
        if (Reachability.unreachable(client.getProperty("bootstrap.servers")).isPresent()) {
            return Optional.empty();
        }
        return KafkaTopics.exists(client, topic);
    }

    /**
     * Each partition's end offset in the topic there, for Eddy's own figures (a stopped job's lag),
     * never shown as such to a user; empty when Kafka could not be asked.
     */
    public Optional<Map<Integer, Long>> endOffsets(TopicPlace place, String topic) {
        Properties client = client(place, false);
        if (Reachability.unreachable(client.getProperty("bootstrap.servers")).isPresent()) {
            return Optional.empty();
        }
        return KafkaTopics.endOffsets(client, topic);
    }

    /**
     * Creates a topic, with the integration's read-write credential. {@code retention}: empty keeps
     * the broker's default, zero keeps messages forever.
     */
    @Requires(value = Role.DEVELOPER, action = "Creating topics")
    public void create(TopicPlace place, String topic, int partitions, short replication, Optional<Duration> retention) {
        if (topic == null || !topic.matches("[A-Za-z0-9._-]{1,249}")) {
            throw new IntegrationException("A topic name is 1 to 249 letters, digits, '.', '_' or '-'");
        }
        if (partitions < 1 || partitions > 10_000 || replication < 1 || replication > 32) {
            throw new IntegrationException("Partitions go from 1 to 10,000 and replicas from 1 to 32");
        }
        Properties client = client(place, true);
        Optional<String> unreachable = Reachability.unreachable(client.getProperty("bootstrap.servers"));
        if (unreachable.isPresent()) {
            throw new IntegrationException("Cannot create topic " + topic + " in " + place.describe() + ": "
                    + unreachable.get());
        }
        KafkaTopics.create(client, place.describe(), topic, partitions, replication, retention);
        if (place.integration() != null) {
            integrations.refreshInBackground(place.integration());
        }
    }

    private Properties client(TopicPlace place, boolean write) {
        if (place.integration() == null) {
            Properties p = new Properties();
            p.putAll(place.clientProperties());
            return p;
        }
        Integration i = integrations.get(place.integration());
        if (i.kind() != IntegrationKind.KAFKA) {
            throw new IntegrationException(i.name() + " is not a Kafka integration");
        }
        Map<String, String> secrets = repository.secrets(i.name());
        boolean sasl = i.setting(KafkaSettings.SECURITY_PROTOCOL).startsWith("SASL");
        return write ? KafkaConnectionTester.clientProperties(i, sasl ? i.setting(KafkaSettings.WRITE_USER) : null,
                secrets.getOrDefault(KafkaSettings.WRITE_PASSWORD, "")) : IntegrationService.kafkaClient(i, secrets);
    }
}
