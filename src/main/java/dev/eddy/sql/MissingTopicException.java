package dev.eddy.sql;

import dev.eddy.gateway.GatewayException;
import dev.eddy.integration.TopicPlace;

/** A statement writes to a Kafka topic that does not exist; the page can offer to create it. */
public class MissingTopicException extends GatewayException {
    private final String topic;
    private final transient TopicPlace place;
    private final String table;

    MissingTopicException(String table, String topic, TopicPlace place, java.util.List<String> similar) {
        super(Kind.SQL, "Topic " + topic + " does not exist in " + place.describe() + ", and table " + table
                + " writes to it", null, null, null, null,
                (similar.isEmpty() ? "" : "Did you mean " + String.join(" or ", similar) + "? ")
                        + "Kafka here does not create a topic when it is first written to, so the INSERT would fail "
                        + "only after minutes. Create the topic, then run the statement again.");
        this.topic = topic;
        this.place = place;
        this.table = table;
    }

    public String topic() {
        return topic;
    }

    public TopicPlace place() {
        return place;
    }

    public String table() {
        return table;
    }
}
