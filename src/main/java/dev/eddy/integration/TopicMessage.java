package dev.eddy.integration;

import java.time.Instant;

/** One message of a topic as a preview shows it: text when it is text, pretty JSON when it is JSON. */
public record TopicMessage(int partition, long offset, Instant timestamp, String key, String value, boolean json) {}
