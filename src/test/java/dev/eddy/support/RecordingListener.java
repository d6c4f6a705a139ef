package dev.eddy.support;

import dev.eddy.cluster.JobHealth;
import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.ResultColumn;
import dev.eddy.query.QueryListener;
import dev.eddy.query.QueryReport;
import dev.eddy.query.ResultStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Records what a running statement reports, for tests to wait on and assert. */
public final class RecordingListener implements QueryListener {
    public final AtomicReference<List<ResultColumn>> columns = new AtomicReference<>();
    public final AtomicReference<ResultStream> stream = new AtomicReference<>();
    public final AtomicInteger progressCalls = new AtomicInteger();
    /** Completes when the statement ends; fails with the error if it failed. */
    public final CompletableFuture<QueryReport> finished = new CompletableFuture<>();
    /** Completes with the error if the statement failed; fails if it ended well. */
    public final CompletableFuture<GatewayException> failed = new CompletableFuture<>();
    /** What the Flink job a statement left running (an INSERT's) went through, in order. */
    public final List<JobHealth> jobs = new CopyOnWriteArrayList<>();

    @Override
    public void columns(List<ResultColumn> c, ResultStream s) {
        columns.set(c);
        stream.set(s);
    }

    @Override
    public void progress(ResultStream s) {
        progressCalls.incrementAndGet();
    }

    /** Changes received so far (0 before the schema is known). */
    public long changes() {
        ResultStream s = stream.get();
        return s == null ? 0 : s.stats().changes();
    }

    @Override
    public void finished(QueryReport report) {
        finished.complete(report);
        failed.completeExceptionally(new AssertionError("finished instead of failing: " + report));
    }

    @Override
    public void job(JobHealth health) {
        jobs.add(health);
    }

    @Override
    public void failed(GatewayException error, QueryReport report) {
        failed.complete(error);
        finished.completeExceptionally(error);
    }
}
