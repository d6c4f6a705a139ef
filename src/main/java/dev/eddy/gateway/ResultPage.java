package dev.eddy.gateway;

import java.util.List;
import java.util.Optional;

/**
 * One page of an operation's result as the gateway returns it.
 *
 * @param nextResultUri where the next page is, already carrying the API version; empty at the end
 */
public record ResultPage(
        ResultType type,
        boolean queryResult,
        Optional<String> jobId,
        String resultKind,
        List<ResultColumn> columns,
        List<ResultRow> rows,
        Optional<String> nextResultUri) {}
