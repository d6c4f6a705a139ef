package dev.eddy.support;

import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.ResultColumn;
import dev.eddy.gateway.ResultRow;
import dev.eddy.query.QueryListener;
import dev.eddy.query.QueryReport;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** Records what a running statement reports, for tests to wait on and assert. */
public final class RecordingListener implements QueryListener {
    public final AtomicReference<List<ResultColumn>> columns = new AtomicReference<>();
    public final List<ResultRow> rows = new CopyOnWriteArrayList<>();
    /** Completes when the statement ends; fails with the error if it failed. */
    public final CompletableFuture<QueryReport> finished = new CompletableFuture<>();
    /** Completes with the error if the statement failed; fails if it ended well. */
    public final CompletableFuture<GatewayException> failed = new CompletableFuture<>();

    @Override
    public void columns(List<ResultColumn> c) {
        columns.set(c);
    }

    @Override
    public void rows(List<ResultRow> batch, long total) {
        rows.addAll(batch);
    }

    @Override
    public void finished(QueryReport report) {
        finished.complete(report);
        failed.completeExceptionally(new AssertionError("finished instead of failing: " + report));
    }

    @Override
    public void failed(GatewayException error, QueryReport report) {
        failed.complete(error);
        finished.completeExceptionally(error);
    }
}
