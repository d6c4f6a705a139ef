package dev.eddy.integration;

import java.time.Instant;

/**
 * One message of a topic as a preview shows it: text when it is text, pretty JSON when it is JSON.
 *
 * @param schemaId the schema registry id of the value's writer schema, when the value is in Confluent's
 *     wire format (a zero byte, then the id in four bytes); null otherwise
 */
public record TopicMessage(int partition, long offset, Instant timestamp, String key, String value, boolean json,
        Integer schemaId) {}
