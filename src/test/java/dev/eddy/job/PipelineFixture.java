package dev.eddy.job;

import dev.eddy.embedded.EmbeddedStack;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A Kafka → PostgreSQL pipeline for job tests: a topic of purchases, a PostgreSQL table of totals per
 * customer (upserted by key), the two Flink tables over them, and the statement counting per customer.
 */
final class PipelineFixture {
    final String topic;
    final String source;
    final String sink;
    private final EmbeddedStack stack;

    PipelineFixture(EmbeddedStack stack, String suffix) {
        this.stack = stack;
        this.topic = "purchases_" + suffix;
        this.source = "purchases_" + suffix;
        this.sink = "totals_" + suffix;
    }

    /** Creates the PostgreSQL table and both Flink tables. */
    PipelineFixture create(QueryService queries) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers().orElseThrow()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create topic " + topic, e);
        }
        createPostgresTable();
        try (SqlConsole console = queries.openConsole("it-jobs-setup")) {
            console.collect("CREATE TABLE " + source + " (customer STRING, amount INT) WITH ("
                    + "'connector' = 'kafka', 'eddy.integration' = 'local-kafka', 'topic' = '" + topic + "', "
                    + "'format' = 'json', 'scan.startup.mode' = 'earliest-offset')", 1);
            console.collect("CREATE TABLE " + sink + " (customer STRING, purchases BIGINT, amount BIGINT, "
                    + "PRIMARY KEY (customer) NOT ENFORCED) WITH ('connector' = 'jdbc', "
                    + "'eddy.integration' = 'sample-postgres', 'table-name' = '" + sink + "')", 1);
        }
        return this;
    }

    String insert() {
        return "INSERT INTO " + sink + " SELECT customer, COUNT(*), SUM(amount) FROM " + source + " GROUP BY customer";
    }

    /** The same totals over purchases of a positive amount: a filter a compatible edit can change. */
    String insertFiltered(String condition) {
        return "INSERT INTO " + sink + " SELECT customer, COUNT(*), SUM(amount) FROM " + source + " WHERE " + condition
                + " GROUP BY customer";
    }

    /** A new branch (a second read of the topic): the plan changes shape. */
    String insertTwoBranches() {
        return "INSERT INTO " + sink + " SELECT customer, COUNT(*), SUM(amount) FROM (SELECT customer, amount FROM "
                + source + " WHERE amount > 0 UNION ALL SELECT customer, amount FROM " + source
                + " WHERE amount <= 0) GROUP BY customer";
    }

    /** Sends {@code each} purchases of amount 1 for each customer. */
    void purchase(int each, String... customers) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", stack.kafkaBootstrapServers().orElseThrow(),
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName(),
                "max.block.ms", "15000"))) {
            for (int i = 0; i < each; i++) {
                for (String c : customers) {
                    producer.send(new ProducerRecord<>(topic, c, "{\"customer\":\"" + c + "\",\"amount\":1}"));
                }
            }
            producer.flush();
        }
    }

    /** Purchases per customer as PostgreSQL holds them now. */
    Map<String, Long> totals() {
        Map<String, Long> totals = new TreeMap<>();
        sql(s -> {
            try (ResultSet rs = s.executeQuery("SELECT customer, purchases FROM " + sink)) {
                while (rs.next()) {
                    totals.put(rs.getString(1), rs.getLong(2));
                }
            }
        });
        return totals;
    }

    void createPostgresTable() {
        sql(s -> s.execute("CREATE TABLE IF NOT EXISTS " + sink
                + " (customer TEXT PRIMARY KEY, purchases BIGINT, amount BIGINT)"));
    }

    void dropPostgresTable() {
        sql(s -> s.execute("DROP TABLE " + sink));
    }

    private void sql(SqlWork work) {
        try (Connection c = DriverManager.getConnection(stack.postgresUrl("sample").orElseThrow(), stack.postgresUser(), stack.postgresPassword());
             Statement s = c.createStatement()) {
            work.run(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface SqlWork {
        void run(Statement s) throws Exception;
    }
}
