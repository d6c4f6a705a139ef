package dev.eddy.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/** An open gateway session, kept alive by the heartbeat until closed. */
public final class GatewaySession implements AutoCloseable {
    private final SqlGatewayClient client;
    private final SessionHeartbeat heartbeat;
    private final String handle;
    private volatile boolean closed;

    GatewaySession(SqlGatewayClient client, SessionHeartbeat heartbeat, String handle) {
        this.client = client;
        this.heartbeat = heartbeat;
        this.handle = handle;
        heartbeat.register(this);
    }

    public String handle() {
        return handle;
    }

    public boolean isClosed() {
        return closed;
    }

    public OperationHandle submit(String statement) {
        return submit(statement, Map.of());
    }

    /** Submits a statement with options that apply to it alone (a job's settings, its restore path). */
    public OperationHandle submit(String statement, Map<String, String> options) {
        return client.execute(handle, statement, options);
    }

    /**
     * Follows an operation's pages; the consumer returns false to stop reading. Returns true when
     * the result ended on its own.
     */
    public boolean follow(OperationHandle op, PageConsumer consumer, BooleanSupplier stopped) {
        return ResultFetcher.follow(client, op, consumer, stopped);
    }

    /** Runs a statement and collects at most {@code maxRows} rows, then closes the operation. */
    public StatementResult run(String statement, int maxRows) {
        return run(statement, maxRows, Map.of());
    }

    /** Runs a statement with options for it alone; collects at most {@code maxRows} rows. */
    public StatementResult run(String statement, int maxRows, Map<String, String> options) {
        OperationHandle op = submit(statement, options);
        List<ResultColumn> columns = new ArrayList<>();
        List<ResultRow> rows = new ArrayList<>();
        AtomicReference<Optional<String>> jobId = new AtomicReference<>(Optional.empty());
        AtomicReference<String> kind = new AtomicReference<>("");
        try {
            boolean ended = follow(op, page -> {
                if (columns.isEmpty()) {
                    columns.addAll(page.columns());
                }
                page.jobId().ifPresent(id -> jobId.set(Optional.of(id)));
                kind.set(page.resultKind());
                for (ResultRow row : page.rows()) {
                    if (rows.size() >= maxRows) {
                        return false;
                    }
                    rows.add(row);
                }
                return rows.size() < maxRows;
            }, () -> false);
            return new StatementResult(columns, rows, jobId.get(), kind.get(), ended);
        } finally {
            closeQuietly(op);
        }
    }

    public void cancel(OperationHandle op) {
        client.cancel(op);
    }

    /** Closes an operation, ignoring that it may already be gone. */
    public void closeQuietly(OperationHandle op) {
        try {
            client.close(op);
        } catch (GatewayException ignored) {
            // Already closed or the session is gone: nothing left to free.
        }
    }

    public List<String> complete(String statement, int position) {
        return client.complete(handle, statement, position);
    }

    public Map<String, String> configuration() {
        return client.sessionConfig(handle);
    }

    void heartbeat() {
        client.heartbeat(handle);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            heartbeat.unregister(this);
            try {
                client.closeSession(handle);
            } catch (GatewayException ignored) {
                // The gateway already dropped it (restart or idle timeout): nothing to close.
            }
        }
    }
}
