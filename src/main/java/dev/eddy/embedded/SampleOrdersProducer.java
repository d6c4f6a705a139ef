package dev.eddy.embedded;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the sample {@code orders} topic alive with a few JSON orders a second while Eddy runs. */
final class SampleOrdersProducer implements AutoCloseable {
    static final String TOPIC = "orders";
    private static final String[] STATUSES = {"CREATED", "CREATED", "CREATED", "PAID", "PAID", "SHIPPED", "CANCELLED"};
    private static final Logger log = LoggerFactory.getLogger(SampleOrdersProducer.class);

    private final String bootstrapServers;
    private final int ordersPerSecond;
    private KafkaProducer<String, String> producer;
    private ScheduledExecutorService scheduler;
    private long nextOrderId;

    SampleOrdersProducer(String bootstrapServers, int ordersPerSecond) {
        this.bootstrapServers = bootstrapServers;
        this.ordersPerSecond = ordersPerSecond;
    }

    void start() throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        try (Admin client = Admin.create(admin)) {
            if (!client.listTopics().names().get(15, TimeUnit.SECONDS).contains(TOPIC)) {
                // Bounded retention: a playground left running for weeks must not fill the disk.
                client.createTopics(List.of(new NewTopic(TOPIC, Optional.of(1), Optional.empty())
                        .configs(Map.of("retention.ms", String.valueOf(TimeUnit.DAYS.toMillis(7)),
                                "retention.bytes", String.valueOf(256L * 1024 * 1024)))))
                        .all().get(15, TimeUnit.SECONDS);
            }
            nextOrderId = latestOffset(client) + 1;
        }
        if (ordersPerSecond == 0) {
            return;
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "50");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        producer = new KafkaProducer<>(props);
        scheduler = Executors.newSingleThreadScheduledExecutor(dev.eddy.config.DaemonThreads.named("eddy-sample-orders"));
        scheduler.scheduleAtFixedRate(this::sendOne, 0, 1_000_000L / ordersPerSecond, TimeUnit.MICROSECONDS);
    }

    /**
     * A topic just created is known to the controller before its partition metadata reaches the
     * broker, so the first offset lookup may miss it; retry briefly instead of failing start-up.
     */
    private static long latestOffset(Admin client) throws Exception {
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return client.listOffsets(Map.of(partition, OffsetSpec.latest()))
                        .partitionResult(partition).get(15, TimeUnit.SECONDS).offset();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private void sendOne() {
        try {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long id = nextOrderId++;
            int product = random.nextInt(SampleDatabase.PRODUCTS.size());
            String json = String.format(java.util.Locale.ROOT,
                    "{\"order_id\":%d,\"customer_id\":%d,\"product_id\":%d,\"quantity\":%d,\"price\":%s,"
                            + "\"status\":\"%s\",\"order_time\":\"%s\"}",
                    id, 1 + random.nextInt(SampleDatabase.CUSTOMERS), product + 1, 1 + random.nextInt(4),
                    SampleDatabase.PRODUCTS.get(product)[2], STATUSES[random.nextInt(STATUSES.length)],
                    Instant.now().truncatedTo(ChronoUnit.MILLIS));
            producer.send(new ProducerRecord<>(TOPIC, String.valueOf(id), json));
        } catch (RuntimeException e) {
            // Keep the schedule alive: a broker hiccup must not end the sample stream for good.
            log.debug("Sample order not sent: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
