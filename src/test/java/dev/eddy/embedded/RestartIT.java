package dev.eddy.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.cluster.ClusterPlan;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Stopping and starting the embedded stack on the same data directory keeps Eddy's store and Kafka's data. */
class RestartIT {

    @Test
    void storeAndTopicsSurviveARestart() throws Exception {
        EmbeddedProperties properties = new EmbeddedProperties(Path.of("target/it-restart/" + UUID.randomUUID()),
                new EmbeddedProperties.Postgres(true, 0), new EmbeddedProperties.Kafka(true, 0, 0, 20),
                new EmbeddedProperties.Flink(0, 0, 1, 1, ""));
        try (EmbeddedStack first = new EmbeddedStack(properties, ClusterProperties.of(ClusterPlan.REMOTE)).start()) {
            String store = first.postgresUrl(EmbeddedStack.STORE_DATABASE).orElseThrow();
            Flyway.configure().dataSource(store, "postgres", first.postgresPassword()).load().migrate();
            try (Connection c = DriverManager.getConnection(store, "postgres", first.postgresPassword());
                 Statement s = c.createStatement()) {
                s.execute("INSERT INTO statement_history (statement, outcome, duration_ms) VALUES ('SELECT 1', 'SUCCEEDED', 5)");
            }
            String kafka = first.kafkaBootstrapServers().orElseThrow();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                producer.send(new ProducerRecord<>("kept", "k", "still here")).get(30, TimeUnit.SECONDS);
            }
            Thread.sleep(300); // let the sample producer write a few orders too
        }

        try (EmbeddedStack second = new EmbeddedStack(properties, ClusterProperties.of(ClusterPlan.REMOTE)).start()) {
            String store = second.postgresUrl(EmbeddedStack.STORE_DATABASE).orElseThrow();
            // Tables the superuser made (as in a store from before the store role) now belong to the store role.
            Flyway.configure().dataSource(store, second.storeUser(), second.storePassword()).load().migrate();
            try (Connection c = DriverManager.getConnection(store, second.storeUser(), second.storePassword());
                 Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT statement FROM statement_history")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("SELECT 1");
                }
                try (ResultSet rs = s.executeQuery("SELECT string_agg(tablename, ',') FROM pg_tables "
                        + "WHERE schemaname = 'public' AND tableowner <> '" + second.storeUser() + "'")) {
                    rs.next();
                    assertThat(rs.getString(1)).as("tables of the store not owned by its role").isNull();
                }
            }
            String[] writer = second.sampleWriter();
            assertThatThrownBy(() -> DriverManager.getConnection(store, writer[0], writer[1]).close())
                    .as("the sample integration's role cannot reach Eddy's store")
                    .hasMessageContaining("permission denied for database");
            try (Connection c = DriverManager.getConnection(second.postgresUrl("sample").orElseThrow(), "postgres", second.postgresPassword());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM customers")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the sample data is there once, not twice").isEqualTo(SampleDatabase.CUSTOMERS);
            }
            assertThat(readAll(second.kafkaBootstrapServers().orElseThrow(), "kept")).containsExactly("still here");
            assertThat(readAll(second.kafkaBootstrapServers().orElseThrow(), SampleOrdersProducer.TOPIC))
                    .as("the sample orders of the first run are still in the topic").isNotEmpty();
        }
    }

    /** Eddy killed with -9 leaves its PostgreSQL running on its port: the next start stops it and starts its own. */
    @Test
    void aPostgresLeftRunningByAKilledEddyIsStoppedAtTheNextStart() throws Exception {
        int port = Ports.claim(0, "test", "test");
        EmbeddedProperties properties = new EmbeddedProperties(Path.of("target/it-restart/" + UUID.randomUUID()),
                new EmbeddedProperties.Postgres(true, port), new EmbeddedProperties.Kafka(false, 0, 0, 0),
                new EmbeddedProperties.Flink(0, 0, 1, 1, ""));
        // Started and never closed: what a killed Eddy leaves behind, its server still holding the port.
        EmbeddedStack killed = new EmbeddedStack(properties, ClusterProperties.of(ClusterPlan.REMOTE)).start();
        String password = killed.postgresPassword();
        assertThat(Ports.isFree(port)).isFalse();

        try (EmbeddedStack next = new EmbeddedStack(properties, ClusterProperties.of(ClusterPlan.REMOTE)).start()) {
            try (Connection c = DriverManager.getConnection(next.postgresUrl("sample").orElseThrow(), "postgres", password);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM customers")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(SampleDatabase.CUSTOMERS);
            }
        }
        assertThat(Ports.isFree(port)).as("stopped with the stack that started it").isTrue();
    }

    private static List<String> readAll(String kafka, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
            return topic.equals(SampleOrdersProducer.TOPIC) ? values.subList(0, Math.min(values.size(), 1)) : values;
        }
    }
}
