package dev.eddy.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.cluster.JobManagerClient;
import dev.eddy.embedded.EmbeddedStack;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.support.Await;
import dev.eddy.support.EddyIntegrationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A version started without its old state (stateless) and lost before its first checkpoint comes
 * back where its Kafka sources started, not from the old version's savepoint (which does not fit)
 * and not from the topic's beginning. The sink appends: a row read twice is there twice.
 */
@EddyIntegrationTest
class JobUpgradesIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    @Autowired
    JobService jobs;
    @Autowired
    JobUpgrades upgrades;
    @Autowired
    JobRepository store;
    @Autowired
    JobManagerClient flink;
    @Autowired
    QueryService queries;
    @Autowired
    EmbeddedStack stack;
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String topic = "upgrade_events_" + id;
    private final String sink = "upgrade_copy_" + id;
    private int sent;

    @Test
    void aStatelessRunLostBeforeItsFirstCheckpointComesBackFromItsStartPositions() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers().orElseThrow()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        sql("CREATE TABLE " + sink + " (id BIGINT, amount INT)");
        try (SqlConsole console = queries.openConsole("it-upgrades")) {
            console.collect("CREATE TABLE " + topic + " (id BIGINT, amount INT) WITH ('connector' = 'kafka', "
                    + "'eddy.integration' = 'local-kafka', 'topic' = '" + topic + "', 'format' = 'json', "
                    + "'scan.startup.mode' = 'earliest-offset')", 1);
            console.collect("CREATE TABLE " + sink + " (id BIGINT, amount INT) WITH ('connector' = 'jdbc', "
                    + "'eddy.integration' = 'sample-postgres', 'table-name' = '" + sink + "')", 1);
        }
        send(50);
        Job job = jobs.deploy(new JobDraft("upgrade " + id, "", "INSERT INTO " + sink + " SELECT id, amount FROM "
                + topic, JobSettings.defaults().with(JobSettings.CHECKPOINT_INTERVAL, "1 s")));
        try {
            awaitRows(50, 50);
            // A filter changes the plan's shape: version 2 cannot take version 1's state.
            jobs.edit(job.id(), "", "INSERT INTO " + sink + " SELECT id, amount FROM " + topic + " WHERE amount >= 0",
                    JobSettings.defaults().with(JobSettings.CHECKPOINT_INTERVAL, "1 h"));
            assertThat(jobs.checkState(job.id()).compatible()).isFalse();
            Job v2 = upgrades.stateless(job.id());
            send(20);
            awaitRows(70, 70);

            // The run is lost (as in a cluster restart) before it ever checkpointed.
            jobs.locked(job.id(), () -> {
                flink.cancel(v2.flinkJobId());
                Await.until("the run to end", WAIT, () -> flink.job(v2.flinkJobId()).state(), "CANCELED"::equals);
                store.started(job.id(), "00000000000000000000000000000000", 2, null);
                return null;
            });
            Job back = Await.until("the job brought back", WAIT, () -> jobs.get(job.id()),
                    j -> !j.flinkJobId().startsWith("0000") && "RUNNING".equals(j.state()));
            assertThat(back.runningVersion()).isEqualTo(2);
            // The 20 read since the upgrade are read again (nothing was checkpointed), the 50 before are not.
            awaitRows(90, 70);
            send(10);
            awaitRows(100, 80);
        } finally {
            Job last = jobs.get(job.id());
            if (last.isActive()) {
                jobs.cancel(job.id());
            }
            Await.until("the job to stop", WAIT, () -> jobs.get(job.id()).isActive(), active -> !active);
            jobs.delete(job.id());
        }
    }

    private void awaitRows(long rows, long distinct) {
        long[] got = Await.until(rows + " rows in " + sink, WAIT, this::rows, r -> r[0] >= rows);
        assertThat(got).as("rows, distinct ids").containsExactly(rows, distinct);
    }

    private void send(int count) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", stack.kafkaBootstrapServers().orElseThrow(),
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName()))) {
            for (int i = 0; i < count; i++) {
                sent++;
                producer.send(new ProducerRecord<>(topic, "{\"id\":" + sent + ",\"amount\":1}"));
            }
            producer.flush();
        }
    }

    private long[] rows() {
        long[] counts = new long[2];
        sql(s -> {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id) FROM " + sink)) {
                rs.next();
                counts[0] = rs.getLong(1);
                counts[1] = rs.getLong(2);
            }
        });
        return counts;
    }

    private void sql(String statement) {
        sql(s -> {
            s.execute(statement);
            s.execute("GRANT SELECT, INSERT ON " + sink + " TO " + stack.sampleWriter()[0]);
            s.execute("GRANT SELECT ON " + sink + " TO " + stack.sampleReader()[0]);
        });
    }

    private void sql(SqlWork work) {
        try (Connection c = DriverManager.getConnection(stack.postgresUrl("sample").orElseThrow(), stack.postgresUser(),
                stack.postgresPassword()); Statement s = c.createStatement()) {
            work.run(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface SqlWork {
        void run(Statement s) throws Exception;
    }
}
