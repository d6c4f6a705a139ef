package dev.eddy.sql;

import java.time.Instant;

/** A script tab of the SQL page as it is kept in Eddy's store. */
public record Script(long id, String title, String content, int position, Instant updatedAt) {}
