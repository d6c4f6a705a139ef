package dev.eddy.integration;

import java.time.Duration;
import java.util.Optional;

/**
 * A Kafka topic at a glance.
 *
 * @param messages approximate: the sum over partitions of end minus start offset
 * @param retention empty when the topic keeps messages forever
 */
public record TopicInfo(String name, int partitions, long messages, Optional<Duration> retention) {}
