package dev.eddy.table;

import java.time.Instant;
import java.util.List;

/**
 * A table of Eddy's catalog as the Tables page lists it.
 *
 * @param source the topic or PostgreSQL table it reads and writes
 * @param columns "name TYPE" of each column, in order
 */
public record TableInfo(String name, String integration, String connector, String source, String format,
        List<String> columns, int version, Instant createdAt, Instant updatedAt, String comment, boolean view) {}
