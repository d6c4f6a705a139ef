package dev.eddy.integration;

import java.util.List;

/**
 * A Kafka consumer group at a glance.
 *
 * @param lag messages not yet consumed: the sum over its partitions of end offset minus committed offset
 */
public record ConsumerGroupInfo(String id, String state, int members, List<String> topics, long lag) {}
