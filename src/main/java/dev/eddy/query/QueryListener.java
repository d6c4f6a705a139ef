package dev.eddy.query;

import dev.eddy.cluster.JobHealth;
import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.ResultColumn;
import java.util.List;

/** Receives a running statement's result; called from background threads. */
public interface QueryListener {
    /** The result's schema is known; rows follow through {@link #progress}. */
    void columns(List<ResultColumn> columns, ResultStream stream);

    /** Something changed; called at most once per refresh interval, and once more before the end. */
    void progress(ResultStream stream);

    void finished(QueryReport report);

    void failed(GatewayException error, QueryReport report);

    /**
     * The Flink job a statement left running (an INSERT's) changed: it restarts, failed, finished or
     * was cancelled. Called after {@link #finished}, from a watcher thread.
     */
    default void job(JobHealth health) {}
}
