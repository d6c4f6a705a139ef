package dev.eddy.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.config.Endpoints;
import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.OperationHandle;
import dev.eddy.gateway.ResultColumn;
import dev.eddy.gateway.ResultPage;
import dev.eddy.gateway.ResultRow;
import dev.eddy.gateway.ResultRow.RowKind;
import dev.eddy.gateway.SqlGatewayClient;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.RecordingListener;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Figures of the result pipeline, printed, not asserted: heap held by the result buffers and push
 * batches per second under a 20,000 changes/s stream, and time from Run to first row through Eddy
 * next to the raw gateway client. Run with {@code mvn -Pbenchmark verify}.
 */
@EddyIntegrationTest
class ResultPipelineBenchmark {
    private static final int RATE = 20_000;
    private static final Duration RUN = Duration.ofSeconds(Integer.getInteger("benchmark.seconds", 60));

    @Autowired
    QueryService queries;
    @Autowired
    Endpoints endpoints;

    @Test
    void bufferHeapAndPushBatchesUnderAFastStream() throws Exception {
        QueryProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("eddy.query", QueryProperties.class);
        long baseline = usedHeapAfterGc();
        ResultStream stream = new ResultStream(defaults.maxTableRows(), defaults.maxChangelogEntries());
        long[] pushes = {0};
        QueryListener counting = new QueryListener() {
            @Override
            public void columns(List<ResultColumn> columns, ResultStream s) {}

            @Override
            public void progress(ResultStream s) {
                pushes[0]++;
                s.tableRows();
            }

            @Override
            public void finished(QueryReport report) {}

            @Override
            public void failed(GatewayException error, QueryReport report) {}
        };
        ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2);
        ResultPublisher publisher = new ResultPublisher(stream, counting, ticker, defaults.refreshInterval());
        int perTick = RATE / 100;
        long[] key = {0};
        var feeder = ticker.scheduleAtFixedRate(() -> {
            List<ResultRow> batch = new ArrayList<>(perTick);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (batch.size() < perTick) {
                if (key[0] == 0 || random.nextBoolean()) {
                    batch.add(new ResultRow(RowKind.INSERT, row(++key[0], random)));
                } else {
                    long k = Math.max(1, key[0] - random.nextInt(1000));
                    batch.add(new ResultRow(RowKind.UPDATE_BEFORE, row(k, random)));
                    batch.add(new ResultRow(RowKind.UPDATE_AFTER, row(k, random)));
                }
            }
            stream.add(batch);
            publisher.nudge();
        }, 0, 10, TimeUnit.MILLISECONDS);
        Thread.sleep(RUN.toMillis());
        feeder.cancel(false);
        publisher.finish();
        ticker.shutdownNow();
        long changes = stream.stats().changes();
        long heap = usedHeapAfterGc() - baseline;
        System.out.printf(Locale.ROOT, "%n== Result pipeline, %d s at %,d changes/s (caps: %,d table rows, %,d changes)%n",
                RUN.toSeconds(), RATE, defaults.maxTableRows(), defaults.maxChangelogEntries());
        System.out.printf(Locale.ROOT, "changes fed:                %,d (%,.0f/s)%n", changes, changes / (double) RUN.toSeconds());
        System.out.printf(Locale.ROOT, "heap held by the buffers:   %.1f MB (target <= 50 MB)%n", heap / 1048576.0);
        System.out.printf(Locale.ROOT, "UI push batches per second: %.1f%n", publisher.publications() / (double) RUN.toSeconds());
        System.out.printf(Locale.ROOT, "kept: %,d table rows, %,d changes%n", stream.stats().tableRows(),
                stream.stats().changelogEntries());
        // Keep the stream reachable until measured.
        if (stream.version() < 0) {
            throw new AssertionError();
        }
    }

    @Test
    void timeToFirstRowThroughEddyAndThroughTheRawGatewayClient() throws Exception {
        String table = """
                CREATE TEMPORARY TABLE IF NOT EXISTS orders_all (order_id BIGINT, status STRING) WITH (
                  'connector' = 'kafka', 'topic' = 'orders', 'properties.bootstrap.servers' = '%s',
                  'scan.startup.mode' = 'earliest-offset', 'format' = 'json', 'json.ignore-parse-errors' = 'true')"""
                .formatted(endpoints.kafkaBootstrapServers());
        String query = "SELECT * FROM orders_all";
        int rounds = Integer.getInteger("benchmark.rounds", 11);
        double[] eddy = new double[rounds];
        double[] raw = new double[rounds];
        SqlGatewayClient client = new SqlGatewayClient(endpoints.gatewayUrl(), Duration.ofSeconds(30), new ObjectMapper());
        String session = client.openSession("benchmark-raw", Map.of());
        client.close(awaitFirstPage(client, client.execute(session, table, Map.of())));
        try (SqlConsole console = queries.openConsole("benchmark-eddy")) {
            RecordingListener ddl = new RecordingListener();
            console.run(table, ddl);
            ddl.finished.get(30, TimeUnit.SECONDS);
            firstRowThroughEddy(console, query); // warm-up: the first job of a JVM is slower
            firstRowRaw(client, session, query);
            for (int i = 0; i < rounds; i++) {
                // Alternate which goes first, so neither always starts while the other's job is cancelling.
                if (i % 2 == 0) {
                    eddy[i] = firstRowThroughEddy(console, query);
                    raw[i] = firstRowRaw(client, session, query);
                } else {
                    raw[i] = firstRowRaw(client, session, query);
                    eddy[i] = firstRowThroughEddy(console, query);
                }
            }
        } finally {
            client.closeSession(session);
        }
        double e = median(eddy);
        double r = median(raw);
        System.out.printf(Locale.ROOT, "%n== Run to first row, SELECT * FROM <sample topic>, median of %d%n", rounds);
        System.out.printf(Locale.ROOT, "through Eddy (QueryService to the listener): %.3f s (target <= 1.0 s)%n", e);
        System.out.printf(Locale.ROOT, "raw gateway client:                          %.3f s%n", r);
        System.out.printf(Locale.ROOT, "ratio Eddy / raw:                            %.3f (target <= 1.05)%n", e / r);
        System.out.println("rounds, Eddy: " + Arrays.toString(eddy));
        System.out.println("rounds, raw:  " + Arrays.toString(raw));
    }

    private double firstRowThroughEddy(SqlConsole console, String query) throws Exception {
        CompletableFuture<Long> first = new CompletableFuture<>();
        long t0 = System.nanoTime();
        RunningQuery running = console.run(query, new QueryListener() {
            @Override
            public void columns(List<ResultColumn> columns, ResultStream stream) {}

            @Override
            public void progress(ResultStream stream) {
                if (stream.stats().changes() > 0) {
                    first.complete(System.nanoTime());
                }
            }

            @Override
            public void finished(QueryReport report) {}

            @Override
            public void failed(GatewayException error, QueryReport report) {
                first.completeExceptionally(error);
            }
        });
        long at = first.get(60, TimeUnit.SECONDS);
        running.stop();
        while (!running.isDone()) {
            Thread.sleep(20);
        }
        return (at - t0) / 1e9;
    }

    private double firstRowRaw(SqlGatewayClient client, String session, String query) throws Exception {
        long t0 = System.nanoTime();
        OperationHandle op = client.execute(session, query, Map.of());
        ResultPage page = client.firstPage(op);
        // The leanest client: poll every 20 ms until the first row.
        while (page.rows().isEmpty()) {
            Thread.sleep(20);
            page = client.fetch(page.nextResultUri().orElseThrow());
        }
        long at = System.nanoTime();
        client.close(op);
        return (at - t0) / 1e9;
    }

    private static OperationHandle awaitFirstPage(SqlGatewayClient client, OperationHandle op) throws Exception {
        while (client.firstPage(op).type() == dev.eddy.gateway.ResultType.NOT_READY) {
            Thread.sleep(50);
        }
        return op;
    }

    private static List<Object> row(long key, ThreadLocalRandom random) {
        return List.of(key, random.nextBoolean() ? "PAID" : "CREATED", BigDecimal.valueOf(random.nextInt(100_000), 2),
                Instant.now().toString());
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
