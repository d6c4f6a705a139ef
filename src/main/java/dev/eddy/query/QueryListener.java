package dev.eddy.query;

import dev.eddy.gateway.ResultColumn;
import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.ResultRow;
import java.util.List;

/** Receives a running statement's result as it streams in; called from a background thread. */
public interface QueryListener {
    void columns(List<ResultColumn> columns);

    void rows(List<ResultRow> rows, long totalRows);

    /** The statement ended; {@code capped} when it stopped at the row cap. */
    void finished(QueryReport report);

    void failed(GatewayException error, QueryReport report);
}
