package dev.eddy.sql;

import java.util.List;

/**
 * What the integrations hold, as completion offers it: Kafka topics and PostgreSQL tables with the
 * integration each belongs to, and the addresses a WITH clause may name.
 */
public record ExternalObjects(List<Item> topics, List<Item> tables, List<Item> bootstrapServers, List<Item> jdbcUrls) {

    public static final ExternalObjects EMPTY = new ExternalObjects(List.of(), List.of(), List.of(), List.of());

    /** A name with the integration it comes from and a short description. */
    public record Item(String name, String integration, String detail) {}
}
