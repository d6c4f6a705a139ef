package dev.eddy.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads what a Kafka integration holds: its topics and consumer groups, and the latest messages of a topic. */
final class KafkaBrowser {
    // Numbers as written: a preview that turned 24.90 into 24.9 (or rounded a long decimal) would show
    // data the topic does not hold, and the wizard would infer its types from that.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
    private static final int MAX_TEXT = 64 * 1024;

    private KafkaBrowser() {}

    /** Topics and consumer groups, read with one admin client. */
    record Contents(List<TopicInfo> topics, List<ConsumerGroupInfo> groups) {}

    static Contents contents(Properties client) throws Exception {
        try (Admin admin = Admin.create(client)) {
            Map<TopicPartition, Long> ends = new HashMap<>();
            List<TopicInfo> topics = topics(admin, ends);
            return new Contents(topics, groups(admin, ends));
        }
    }

    /** Consumer groups with their state, members, topics and lag against the end offsets given. */
    private static List<ConsumerGroupInfo> groups(Admin admin, Map<TopicPartition, Long> ends) throws Exception {
        List<String> ids;
        try {
            ids = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(10, TimeUnit.SECONDS)
                    .stream().map(GroupListing::groupId).sorted().toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthorizationException) {
                return List.of();
            }
            throw e;
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(ids).all()
                .get(20, TimeUnit.SECONDS);
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        ids.forEach(id -> specs.put(id, new ListConsumerGroupOffsetsSpec()));
        var offsets = admin.listConsumerGroupOffsets(specs).all().get(20, TimeUnit.SECONDS);
        List<ConsumerGroupInfo> groups = new ArrayList<>();
        for (String id : ids) {
            Map<TopicPartition, OffsetAndMetadata> committed = offsets.getOrDefault(id, Map.of());
            long lag = 0;
            Set<String> topics = new java.util.TreeSet<>();
            for (var e : committed.entrySet()) {
                topics.add(e.getKey().topic());
                Long end = ends.get(e.getKey());
                if (end != null && e.getValue() != null) {
                    lag += Math.max(0, end - e.getValue().offset());
                }
            }
            ConsumerGroupDescription d = described.get(id);
            groups.add(new ConsumerGroupInfo(id, d == null ? "unknown" : d.groupState().toString().toLowerCase(),
                    d == null ? 0 : d.members().size(), List.copyOf(topics), lag));
        }
        return groups;
    }

    private static List<TopicInfo> topics(Admin admin, Map<TopicPartition, Long> endOffsets) throws Exception {
        Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                .get(20, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        descriptions.values().forEach(d -> d.partitions().forEach(p -> {
            TopicPartition tp = new TopicPartition(d.name(), p.partition());
            earliest.put(tp, OffsetSpec.earliest());
            latest.put(tp, OffsetSpec.latest());
        }));
        var starts = admin.listOffsets(earliest).all().get(20, TimeUnit.SECONDS);
        var ends = admin.listOffsets(latest).all().get(20, TimeUnit.SECONDS);
        ends.forEach((tp, info) -> endOffsets.put(tp, info.offset()));
        Map<String, Optional<Duration>> retention = retention(admin, names);
        List<TopicInfo> topics = new ArrayList<>();
        for (TopicDescription d : descriptions.values()) {
            long messages = d.partitions().stream().mapToLong(p -> {
                TopicPartition tp = new TopicPartition(d.name(), p.partition());
                return Math.max(0, ends.get(tp).offset() - starts.get(tp).offset());
            }).sum();
            topics.add(new TopicInfo(d.name(), d.partitions().size(), messages,
                    retention.getOrDefault(d.name(), Optional.empty())));
        }
        topics.sort(Comparator.comparing(TopicInfo::name));
        return topics;
    }

    private static Map<String, Optional<Duration>> retention(Admin admin, Set<String> names)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                .collect(Collectors.toList());
        Map<String, Optional<Duration>> result = new HashMap<>();
        Map<ConfigResource, Config> configs;
        try {
            configs = admin.describeConfigs(resources).all().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthorizationException) {
                // A read-only user often may not DESCRIBE_CONFIGS: the topics still show, retention unknown.
                return result;
            }
            throw e;
        }
        configs.forEach((resource, config) -> {
            var entry = config.get("retention.ms");
            long ms = entry == null || entry.value() == null ? -1 : Long.parseLong(entry.value());
            result.put(resource.name(), ms < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(ms)));
        });
        return result;
    }

    /** The latest {@code count} messages across the topic's partitions, newest first. */
    static List<TopicMessage> latest(Properties client, String topic, int count) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(Math.max(count, 10)));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IntegrationException("Topic " + topic + " does not exist");
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(5));
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, Duration.ofSeconds(5));
            long wanted = 0;
            for (TopicPartition tp : partitions) {
                long from = Math.max(begins.get(tp), ends.get(tp) - count);
                consumer.seek(tp, from);
                wanted += ends.get(tp) - from;
            }
            List<TopicMessage> messages = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (messages.size() < wanted && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        messages.add(message(r));
                    }
                }
            }
            messages.sort(Comparator.comparing(TopicMessage::timestamp).reversed()
                    .thenComparing(Comparator.comparingLong(TopicMessage::offset).reversed()));
            return messages.subList(0, Math.min(count, messages.size()));
        }
    }

    private static TopicMessage message(ConsumerRecord<byte[], byte[]> r) {
        String value = text(r.value());
        boolean json = false;
        if (value != null && !value.startsWith("0x")) {
            try {
                JsonNode tree = JSON.readTree(value);
                if (tree != null && (tree.isObject() || tree.isArray())) {
                    value = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
                    json = true;
                }
            } catch (Exception notJson) {
                // Plain text stays as it is.
            }
        }
        return new TopicMessage(r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()), text(r.key()), value,
                json, json ? null : confluentSchemaId(r.value()));
    }

    /** The writer schema's id of a value in Confluent's wire format: magic byte 0, then a 4-byte id. */
    static Integer confluentSchemaId(byte[] value) {
        if (value == null || value.length < 5 || value[0] != 0) {
            return null;
        }
        return ByteBuffer.wrap(value, 1, 4).getInt();
    }

    /** UTF-8 text as text; anything else as hex, so a binary message can never garble the page. */
    static String text(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        byte[] shown = bytes.length > MAX_TEXT ? java.util.Arrays.copyOf(bytes, MAX_TEXT) : bytes;
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(shown)).toString();
            boolean control = s.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t');
            if (!control) {
                return bytes.length > MAX_TEXT ? s + "… (" + bytes.length + " bytes)" : s;
            }
        } catch (CharacterCodingException e) {
            // Not text: fall through to hex.
        }
        String hex = HexFormat.of().formatHex(shown, 0, Math.min(shown.length, 256));
        return "0x" + hex + (bytes.length > 256 ? "… (" + bytes.length + " bytes)" : "");
    }
}
