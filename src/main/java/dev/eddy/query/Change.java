package dev.eddy.query;

import dev.eddy.gateway.ResultRow.RowKind;
import java.time.Instant;
import java.util.List;

/** One change of a result as it arrived. */
public record Change(RowKind kind, List<Object> row, Instant arrived) {}
