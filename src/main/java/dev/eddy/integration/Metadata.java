package dev.eddy.integration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What Eddy last read of an integration: topics and consumer groups, or tables, when it read them, and the error of the
 * last attempt if that failed (the service was unreachable since then).
 */
public record Metadata(List<TopicInfo> topics, List<ConsumerGroupInfo> groups, List<PostgresTable> tables,
        Instant fetchedAt, Optional<String> lastError, Optional<Instant> failingSince) {}
