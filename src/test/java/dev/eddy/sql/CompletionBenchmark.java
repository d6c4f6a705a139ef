package dev.eddy.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.gateway.GatewaySessions;
import dev.eddy.gateway.SqlGatewayClient;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.support.EddyIntegrationTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Figures of the editor's completion, printed, not asserted: server-side latency (completion and
 * JSON, as the browser receives it) with 10,000 topics, 10,000 PostgreSQL tables and 1,000 Flink
 * tables known, next to the Flink gateway's own complete-statement on the same session.
 * Run with {@code mvn -Pbenchmark verify -Dit.test=CompletionBenchmark}.
 */
@EddyIntegrationTest
class CompletionBenchmark {
    private static final int FLINK_TABLES = Integer.getInteger("benchmark.flinkTables", 1_000);
    private static final int TOPICS = 10_000;
    private static final int PG_TABLES = 10_000;
    private static final String[] MIX = {
        "SELECT * FROM t_1|",
        "SELECT o.| FROM t_42 o",
        "SELECT amo| FROM t_7",
        "SELECT | FROM t_7",
        "CREATE TABLE x (a INT) WITH ('connector' = 'kafka', 'topic' = 'topic-12|",
        "CREATE TABLE x (a INT) WITH ('connector' = 'jdbc', 'table-name' = 'public.table_9|",
        "CREATE TABLE x (a INT) WITH ('connector' = 'kafka', 'format' = 'json', 'sc|",
        "INS|",
        "SELECT a.id, b.| FROM t_3 a JOIN t_4 b ON a.id = b.id WHERE a.amount > 10",
        "INSERT INTO t_99|",
    };

    @Autowired
    QueryService queries;
    @Autowired
    GatewaySessions sessions;
    @Autowired
    CompletionService completion;

    @Test
    void completionLatencyNextToTheGateway() throws Exception {
        try (SqlConsole console = queries.openConsole("completion-benchmark")) {
            long created = System.nanoTime();
            for (int i = 0; i < FLINK_TABLES; i++) {
                console.collect("CREATE TEMPORARY TABLE t_" + i + " (id BIGINT, name STRING, amount DECIMAL(10, 2), "
                        + "ts TIMESTAMP(3)) WITH ('connector' = 'datagen')", 1);
            }
            System.out.printf(Locale.ROOT, "created %d Flink tables in %.1f s%n", FLINK_TABLES,
                    (System.nanoTime() - created) / 1e9);
            SqlAssistant assistant = completion.assistant(console);
            long read = System.nanoTime();
            SessionObjects session = assistant.readNow();
            System.out.printf(Locale.ROOT, "read the session's %d tables with their columns in %.1f s (background)%n",
                    session.tables().size(), (System.nanoTime() - read) / 1e9);

            ExternalObjects external = external();
            SqlCompleter completer = new SqlCompleter();
            ObjectMapper json = new ObjectMapper();
            int answered = 0;
            for (int i = 0; i < 3_000; i++) {
                answered += answer(completer, json, MIX[i % MIX.length], session, external);
            }
            int rounds = 20_000;
            long[] eddy = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                long t = System.nanoTime();
                answered += answer(completer, json, MIX[i % MIX.length], session, external);
                eddy[i] = System.nanoTime() - t;
            }

            SqlGatewayClient client = sessions.client();
            String handle = console.sessionHandle();
            for (int i = 0; i < 50; i++) {
                gateway(client, handle, MIX[i % MIX.length]);
            }
            int gatewayRounds = 1_000;
            long[] flink = new long[gatewayRounds];
            for (int i = 0; i < gatewayRounds; i++) {
                long t = System.nanoTime();
                answered += gateway(client, handle, MIX[i % MIX.length]);
                flink[i] = System.nanoTime() - t;
            }
            System.out.printf(Locale.ROOT, "%nCompletion with %,d topics, %,d PostgreSQL tables, %,d Flink tables "
                    + "(%d request kinds, %d answers in all)%n", TOPICS, PG_TABLES, session.tables().size(),
                    MIX.length, answered);
            System.out.printf(Locale.ROOT, "  Eddy (server side, incl. JSON) p50 %.3f ms  p99 %.3f ms  max %.3f ms  (%d requests)%n",
                    percentile(eddy, 50), percentile(eddy, 99), percentile(eddy, 100), rounds);
            System.out.printf(Locale.ROOT, "  Flink gateway complete-statement  p50 %.3f ms  p99 %.3f ms  max %.3f ms  (%d requests)%n",
                    percentile(flink, 50), percentile(flink, 99), percentile(flink, 100), gatewayRounds);
            System.out.println("  target: Eddy p99 <= 20 ms");
        }
    }

    private static int answer(SqlCompleter completer, ObjectMapper json, String mix, SessionObjects session,
            ExternalObjects external) throws Exception {
        int cursor = mix.indexOf('|');
        String text = mix.substring(0, cursor) + mix.substring(cursor + 1);
        Completions c = completer.complete(text, cursor, true, session, external);
        return json.writeValueAsString(c).isEmpty() ? 0 : c.options().size();
    }

    private static int gateway(SqlGatewayClient client, String handle, String mix) {
        int cursor = mix.indexOf('|');
        String text = mix.substring(0, cursor) + mix.substring(cursor + 1);
        return client.complete(handle, text, cursor).size();
    }

    /** The integrations' metadata as the cache would hold it for large services. */
    private static ExternalObjects external() {
        List<ExternalObjects.Item> topics = new ArrayList<>();
        for (int i = 0; i < TOPICS; i++) {
            topics.add(new ExternalObjects.Item("topic-" + i, i % 2 == 0 ? "kafka-a" : "kafka-b",
                    (1 + i % 12) + " partitions, ~" + (i * 37L) + " messages"));
        }
        List<ExternalObjects.Item> tables = new ArrayList<>();
        for (int i = 0; i < PG_TABLES; i++) {
            tables.add(new ExternalObjects.Item((i % 3 == 0 ? "sales." : "public.") + "table_" + i, "warehouse",
                    "table, " + (3 + i % 20) + " columns"));
        }
        return new ExternalObjects(topics, tables,
                List.of(new ExternalObjects.Item("broker-1:9092,broker-2:9092", "kafka-a", "")),
                List.of(new ExternalObjects.Item("jdbc:postgresql://db:5432/warehouse", "warehouse", "")));
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
