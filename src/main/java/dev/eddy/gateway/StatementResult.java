package dev.eddy.gateway;

import java.util.List;
import java.util.Optional;

/**
 * A statement's collected result.
 *
 * @param complete false when collection stopped at the row cap before the end of the result
 */
public record StatementResult(
        List<ResultColumn> columns, List<ResultRow> rows, Optional<String> jobId, String resultKind, boolean complete) {}
