package dev.eddy.integration;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Whether a topic exists, and creating one, with a client's properties; every wait bounded. */
final class KafkaTopics {
    private static final long WAIT_SECONDS = 8;

    private KafkaTopics() {}

    /** True or false when the cluster said; empty when it could not be asked (unreachable, not allowed). */
    static Optional<Boolean> exists(Properties client, String topic) {
        try (Admin admin = Admin.create(withTimeouts(client))) {
            admin.describeTopics(List.of(topic)).allTopicNames().get(WAIT_SECONDS, TimeUnit.SECONDS);
            return Optional.of(true);
        } catch (ExecutionException e) {
            return e.getCause() instanceof UnknownTopicOrPartitionException ? Optional.of(false) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (java.util.concurrent.TimeoutException | org.apache.kafka.common.KafkaException e) {
            return Optional.empty();
        }
    }

    /** Each partition's end offset (the next offset to be written); empty when the cluster could not be asked. */
    static Optional<Map<Integer, Long>> endOffsets(Properties client, String topic) {
        try (Admin admin = Admin.create(withTimeouts(client))) {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get(WAIT_SECONDS, TimeUnit.SECONDS).get(topic);
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
            description.partitions().forEach(p -> latest.put(new org.apache.kafka.common.TopicPartition(topic, p.partition()),
                    org.apache.kafka.clients.admin.OffsetSpec.latest()));
            Map<Integer, Long> ends = new java.util.TreeMap<>();
            admin.listOffsets(latest).all().get(WAIT_SECONDS, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
            return Optional.of(ends);
        } catch (ExecutionException | java.util.concurrent.TimeoutException | org.apache.kafka.common.KafkaException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Creates the topic; a retention of empty keeps the broker's default, zero or less keeps messages forever. */
    static void create(Properties client, String where, String topic, int partitions, short replication,
            Optional<Duration> retention) {
        NewTopic spec = new NewTopic(topic, partitions, replication);
        retention.ifPresent(r -> spec.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG,
                String.valueOf(r.isZero() || r.isNegative() ? -1 : r.toMillis()))));
        try (Admin admin = Admin.create(withTimeouts(client))) {
            admin.createTopics(List.of(spec)).all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TopicExistsException) {
                return; // Someone made it meanwhile: what was asked for is there.
            }
            if (cause instanceof TopicAuthorizationException) {
                throw new IntegrationException("The user of " + where + " may not create topics. Ask whoever runs "
                        + "that Kafka to create " + topic + ", or to allow CREATE on it");
            }
            throw new IntegrationException("Kafka refused to create " + topic + " in " + where + ": "
                    + (cause == null ? e.getMessage() : cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException("Interrupted while creating " + topic);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IntegrationException("Kafka at " + where + " did not answer within " + WAIT_SECONDS
                    + " s while creating " + topic);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new IntegrationException("Could not reach Kafka at " + where + ": " + e.getMessage());
        }
    }

    /** The client's properties with answers bounded to about 5 s (see KafkaConnectionTester for why these). */
    static Properties withTimeouts(Properties client) {
        Properties p = new Properties();
        p.putAll(client);
        p.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        p.putIfAbsent(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, "2000");
        p.putIfAbsent(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, "3000");
        p.putIfAbsent(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return p;
    }
}
