package dev.eddy.table;

import java.time.Instant;
import java.util.List;

/** One version of a table, with the lines that changed from the version before ("+ …", "− …"). */
public record TableVersion(int version, Instant createdAt, List<String> changes) {}
