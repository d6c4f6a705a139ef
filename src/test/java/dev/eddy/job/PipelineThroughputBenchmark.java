package dev.eddy.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.cluster.JobManagerClient;
import dev.eddy.config.Endpoints;
import dev.eddy.embedded.EmbeddedStack;
import dev.eddy.gateway.OperationHandle;
import dev.eddy.gateway.ResultPage;
import dev.eddy.gateway.ResultType;
import dev.eddy.gateway.SqlGatewayClient;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.support.EddyIntegrationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Figures of a deployed pipeline, printed, not asserted: a Flink job writing a million JSON orders
 * into Kafka, then the same aggregating job (Kafka → GROUP BY → PostgreSQL upsert) deployed through
 * Eddy and submitted straight to the same cluster's gateway, each timed from submit until PostgreSQL
 * holds every order. Run with {@code mvn -Pbenchmark verify -Dit.test=PipelineThroughputBenchmark}.
 */
@EddyIntegrationTest
class PipelineThroughputBenchmark {
    private static final int ROWS = Integer.getInteger("benchmark.rows", 1_000_000);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 2);
    private static final int CUSTOMERS = 1_000;
    private static final Duration WAIT = Duration.ofMinutes(10);

    @Autowired
    EmbeddedStack stack;
    @Autowired
    QueryService queries;
    @Autowired
    JobService jobs;
    @Autowired
    Endpoints endpoints;
    @Autowired
    JobManagerClient jobManager;

    @Test
    void kafkaProduceAndAnAggregatingPipelineThroughEddyAndStraightToTheCluster() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String topic = "zz_bench_orders_" + id;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        SqlGatewayClient gateway = new SqlGatewayClient(endpoints.gatewayUrl(), Duration.ofSeconds(60), new ObjectMapper());
        String session = gateway.openSession("benchmark-plain", Map.of());
        try {
            double produced = produce(gateway, session, topic);
            System.out.printf(Locale.ROOT, "%nKafka produce: %,d JSON rows by a Flink job (datagen → Kafka) in %.1f s: %,.0f rows/s%n",
                    ROWS, produced, ROWS / produced);

            List<Double> eddy = new ArrayList<>();
            List<Double> plain = new ArrayList<>();
            List<Double> plainDefaults = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                plainDefaults.add(plainRound(gateway, session, topic, id + "_d" + round, Map.of()));
                plain.add(plainRound(gateway, session, topic, id + "_s" + round, JobSettings.defaults().options()));
                eddy.add(eddyRound(topic, id + "_" + round));
            }
            double e = median(eddy);
            double p = median(plain);
            System.out.printf(Locale.ROOT, "%nKafka → GROUP BY → PostgreSQL upsert, %,d orders, %,d customers, parallelism 1, median of %d:%n",
                    ROWS, CUSTOMERS, ROUNDS);
            System.out.printf(Locale.ROOT, "  straight to the gateway, Flink's defaults:       %,.0f rows/s %s%n",
                    median(plainDefaults), rates(plainDefaults));
            System.out.printf(Locale.ROOT, "  straight to the gateway, Eddy's job settings:   %,.0f rows/s %s%n", p, rates(plain));
            System.out.printf(Locale.ROOT, "  deployed through Eddy:                          %,.0f rows/s %s%n", e, rates(eddy));
            System.out.printf(Locale.ROOT, "  ratio Eddy / plain with the same settings:      %.2f (target ≥ 0.95; ≥ 90,000 rows/s)%n%n", e / p);
        } finally {
            gateway.closeSession(session);
        }
    }

    /** Seconds a bounded datagen → Kafka job took, from Flink's own start and end of the job. */
    private double produce(SqlGatewayClient gateway, String session, String topic) throws Exception {
        run(gateway, session, "CREATE TEMPORARY TABLE bench_gen (c INT, amount INT) WITH ('connector' = 'datagen', "
                + "'number-of-rows' = '" + ROWS + "', 'rows-per-second' = '100000000', "
                + "'fields.c.min' = '1', 'fields.c.max' = '" + CUSTOMERS + "', "
                + "'fields.amount.min' = '1', 'fields.amount.max' = '100')");
        run(gateway, session, "CREATE TEMPORARY TABLE bench_out (customer STRING, amount INT) WITH ('connector' = 'kafka', "
                + "'properties.bootstrap.servers' = '" + bootstrap() + "', 'topic' = '" + topic + "', 'format' = 'json')");
        String job = jobIdOf(gateway, run(gateway, session,
                "INSERT INTO bench_out SELECT CONCAT('c', CAST(c AS STRING)), amount FROM bench_gen"));
        JsonNode done = awaitFinished(job);
        return done.path("duration").asLong() / 1000.0;
    }

    private double plainRound(SqlGatewayClient gateway, String session, String topic, String suffix,
            Map<String, String> settings) throws Exception {
        String sink = "zz_bench_plain_" + suffix;
        createPostgresTable(sink);
        run(gateway, session, "CREATE TEMPORARY TABLE src_" + suffix + " (customer STRING, amount INT) WITH ("
                + "'connector' = 'kafka', 'properties.bootstrap.servers' = '" + bootstrap() + "', "
                + "'topic' = '" + topic + "', 'format' = 'json', 'scan.startup.mode' = 'earliest-offset')");
        run(gateway, session, "CREATE TEMPORARY TABLE " + sink + " (customer STRING, purchases BIGINT, amount BIGINT, "
                + "PRIMARY KEY (customer) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = '" + postgresUrl() + "', "
                + "'username' = '" + stack.postgresUser() + "', 'password' = '" + stack.postgresPassword() + "', "
                + "'table-name' = '" + sink + "')");
        long start = System.nanoTime();
        OperationHandle insert = gateway.execute(session, "INSERT INTO " + sink + " SELECT customer, COUNT(*), "
                + "SUM(amount) FROM src_" + suffix + " GROUP BY customer", settings);
        String job = jobIdOf(gateway, insert);
        double rate = awaitAllCounted(sink, start);
        jobManager.cancel(job);
        System.out.printf(Locale.ROOT, "  plain round %s: %,.0f rows/s%n", suffix, rate);
        return rate;
    }

    private double eddyRound(String topic, String suffix) {
        String sink = "zz_bench_eddy_" + suffix;
        createPostgresTable(sink);
        try (SqlConsole console = queries.openConsole("benchmark-eddy")) {
            console.collect("CREATE TABLE src_" + suffix + " (customer STRING, amount INT) WITH ("
                    + "'connector' = 'kafka', 'eddy.integration' = 'local-kafka', 'topic' = '" + topic + "', "
                    + "'format' = 'json', 'scan.startup.mode' = 'earliest-offset')", 1);
            console.collect("CREATE TABLE " + sink + " (customer STRING, purchases BIGINT, amount BIGINT, "
                    + "PRIMARY KEY (customer) NOT ENFORCED) WITH ('connector' = 'jdbc', "
                    + "'eddy.integration' = 'sample-postgres', 'table-name' = '" + sink + "')", 1);
        }
        long start = System.nanoTime();
        Job job = jobs.deploy(new JobDraft("bench " + suffix, "", "INSERT INTO " + sink
                + " SELECT customer, COUNT(*), SUM(amount) FROM src_" + suffix + " GROUP BY customer", JobSettings.defaults()));
        double rate = awaitAllCounted(sink, start);
        jobs.cancel(job.id());
        System.out.printf(Locale.ROOT, "  Eddy round %s:  %,.0f rows/s%n", suffix, rate);
        return rate;
    }

    /** Orders per second from submit until PostgreSQL's totals add up to every order. */
    private double awaitAllCounted(String sink, long start) {
        long deadline = start + WAIT.toNanos();
        try (Connection c = DriverManager.getConnection(postgresUrl(), stack.postgresUser(), stack.postgresPassword());
             Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(purchases), 0) FROM " + sink)) {
                    rs.next();
                    if (rs.getLong(1) >= ROWS) {
                        return ROWS / ((System.nanoTime() - start) / 1e9);
                    }
                }
                Thread.sleep(50);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("Not every order counted in " + sink + " within " + WAIT);
    }

    private JsonNode awaitFinished(String job) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode details = jobManager.details(job);
            String state = details.path("state").asText();
            if ("FINISHED".equals(state)) {
                return details;
            }
            if ("FAILED".equals(state) || "CANCELED".equals(state)) {
                throw new IllegalStateException("The produce job ended " + state);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The produce job did not finish within " + WAIT);
    }

    private void createPostgresTable(String table) {
        try (Connection c = DriverManager.getConnection(postgresUrl(), stack.postgresUser(), stack.postgresPassword());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (customer TEXT PRIMARY KEY, purchases BIGINT, amount BIGINT)");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static OperationHandle run(SqlGatewayClient gateway, String session, String sql) throws Exception {
        OperationHandle op = gateway.execute(session, sql, Map.of());
        awaitPage(gateway, op);
        return op;
    }

    private static ResultPage awaitPage(SqlGatewayClient gateway, OperationHandle op) throws Exception {
        ResultPage page = gateway.firstPage(op);
        while (page.type() == ResultType.NOT_READY) {
            Thread.sleep(20);
            page = gateway.firstPage(op);
        }
        return page;
    }

    private static String jobIdOf(SqlGatewayClient gateway, OperationHandle op) throws Exception {
        return awaitPage(gateway, op).jobId().orElseThrow();
    }

    private String bootstrap() {
        return stack.kafkaBootstrapServers().orElseThrow();
    }

    private String postgresUrl() {
        return stack.postgresUrl("sample").orElseThrow();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String rates(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%,.0f", v)).toList().toString();
    }
}
