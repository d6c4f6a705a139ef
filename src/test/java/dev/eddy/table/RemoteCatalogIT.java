package dev.eddy.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.config.Secret;
import dev.eddy.embedded.EmbeddedStack;
import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.GatewaySession;
import dev.eddy.gateway.GatewaySessions;
import dev.eddy.gateway.ResultRow;
import dev.eddy.gateway.SessionHeartbeat;
import dev.eddy.gateway.SqlGatewayClient;
import dev.eddy.integration.Credentials;
import dev.eddy.integration.IntegrationDraft;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.KafkaSettings;
import dev.eddy.integration.PostgresSettings;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.support.Await;
import dev.eddy.support.SeparateSqlGateway;
import dev.eddy.support.WholeEddy;
import dev.eddy.table.TableDraft.Connector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Eddy's catalog jar in a Flink SQL Gateway of its own JVM, whose class path has Flink, the
 * connectors and the PostgreSQL driver but nothing of Eddy except {@code target/eddy-flink-catalog.jar}:
 * Eddy in remote mode makes tables there that land in its store, and jobs on that gateway read and
 * write through Eddy's integrations with their (encrypted) credentials.
 */
@org.junit.jupiter.api.extension.ExtendWith(dev.eddy.support.AsAdmin.class)
class RemoteCatalogIT {
    private static final String READER_PASSWORD = "rc-reader-" + UUID.randomUUID();
    private static final String WRITER_PASSWORD = "rc-writer-" + UUID.randomUUID();
    private static final Path WORK = Path.of("target/it-remote-catalog/" + UUID.randomUUID());
    static EmbeddedStack services;
    static SeparateSqlGateway gateway;
    static String gatewayUrl;
    static String secretKey;
    static ConfigurableApplicationContext eddy;

    @BeforeAll
    static void startServicesAGatewayWithTheJarAndEddy() throws Exception {
        services = WholeEddy.separateServices(WORK.resolve("services"));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        secretKey = Base64.getEncoder().encodeToString(key);
        gateway = SeparateSqlGateway.start(Files.createDirectories(WORK.resolve("gateway")).toAbsolutePath(),
                services.jobManagerUrl().orElseThrow(), Map.of("EDDY_STORE_URL", services.postgresUrl("eddy").orElseThrow(),
                        "EDDY_STORE_USERNAME", services.storeUser(), "EDDY_STORE_PASSWORD", services.storePassword(),
                        "EDDY_SECURITY_SECRET_KEY", secretKey));
        gatewayUrl = gateway.url();
        eddy = WholeEddy.remoteOn(services, "eddy.flink.gateway-url=" + gatewayUrl,
                "eddy.security.secret-key=" + secretKey);
        prepareData();
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (eddy != null) {
            eddy.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        services.close();
    }

    @Test
    void tablesMadeThroughTheRemoteGatewayLiveInEddysStoreAndJobsUseTheIntegrationsCredentials() throws Exception {
        TableService tables = eddy.getBean(TableService.class);
        assertThat(tables.catalogProblem()).as("Eddy's session opened the catalog on the gateway").isEmpty();
        tables.create(new TableDraft("rc_orders", "rc-kafka", Connector.KAFKA, "rc_orders", "json", null,
                "earliest-offset", List.of(new ColumnSpec("id", "INT", null, null),
                        new ColumnSpec("item", "STRING", null, null)), null, 0, List.of(), Map.of(), null));
        tables.create(new TableDraft("rc_counts", "rc-postgres", Connector.JDBC, "public.rc_counts", null, null, null,
                List.of(new ColumnSpec("item", "STRING", null, null), new ColumnSpec("n", "BIGINT", null, null)),
                null, 0, List.of("item"), Map.of(), null));
        assertThat(tables.list()).extracting(TableInfo::name).contains("rc_orders", "rc_counts");
        assertThat(eddy.getBean(CatalogRepository.class).table(EddyCatalog.DEFAULT_DATABASE, "rc_orders"))
                .as("the remote gateway's catalog wrote Eddy's store").isPresent();

        QueryService queries = eddy.getBean(QueryService.class);
        try (SqlConsole console = queries.openConsole("remote-catalog-it")) {
            assertThat(console.collect("SELECT id, item FROM rc_orders", 4).rows()).extracting(ResultRow::fields)
                    .containsExactlyInAnyOrder(List.of(1L, "tea"), List.of(2L, "cake"), List.of(3L, "tea"),
                            List.of(4L, "tea"));
            // A bounded read, so the job ends; the sink connects as the integration's writer role.
            console.collect("INSERT INTO rc_counts SELECT item, COUNT(*) FROM rc_orders "
                    + "/*+ OPTIONS('scan.bounded.mode' = 'latest-offset') */ GROUP BY item", 1);
        }
        List<String> counts = Await.until("the job's counts in PostgreSQL", Duration.ofSeconds(90),
                RemoteCatalogIT::countsInPostgres, rows -> rows.size() == 2);
        assertThat(counts).containsExactly("cake=1", "tea=3");

        try (GatewaySessions direct = directSessions(); GatewaySession session = direct.open("sql-client-like")) {
            session.run("CREATE CATALOG eddy WITH ('type' = 'eddy')", 0);
            session.run("USE CATALOG eddy", 0);
            assertThat(session.run("SHOW TABLES", 100).rows()).extracting(r -> r.fields().get(0))
                    .as("Flink's own clients see Eddy's tables").contains("rc_orders", "rc_counts");
            assertThat(session.run("SHOW CREATE TABLE rc_counts", 1).rows().get(0).fields().get(0).toString())
                    .contains("'eddy.integration' = 'rc-postgres'").doesNotContain(WRITER_PASSWORD);
        }
    }

    @Test
    void aLibrarysFunctionRegisteredThroughEddyRunsOnTheRemoteGatewayAndCluster() throws Exception {
        var libraries = eddy.getBean(dev.eddy.function.FunctionLibraries.class);
        var functions = eddy.getBean(dev.eddy.function.RegisteredFunctions.class);
        libraries.upload("rc-strings", "rc-strings.jar", dev.eddy.support.UdfJar.version1());
        try {
            // Registering makes the remote gateway's catalog write the JAR from Eddy's store and load the class.
            functions.register("rc-strings", "dev.eddy.udf.Shout", "rc_shout");
            try (SqlConsole console = eddy.getBean(QueryService.class).openConsole("remote-functions-it")) {
                assertThat(console.collect("SELECT rc_shout(item) FROM rc_orders /*+ OPTIONS('scan.bounded.mode' = "
                        + "'latest-offset') */", 10).rows()).extracting(r -> r.fields().get(0))
                        .containsExactlyInAnyOrder("TEA!", "CAKE!", "TEA!", "TEA!");
            }
        } finally {
            functions.drop("rc_shout");
            libraries.delete("rc-strings");
        }
    }

    @Test
    void aGatewayWithoutEddysKeyOrStoreSaysWhatIsMissing() throws Exception {
        TableService tables = eddy.getBean(TableService.class);
        if (tables.list().stream().noneMatch(t -> t.name().equals("rc_readers"))) {
            tables.create(new TableDraft("rc_readers", "rc-postgres", Connector.JDBC, "public.rc_counts", null, null,
                    null, List.of(new ColumnSpec("item", "STRING", null, null),
                            new ColumnSpec("n", "BIGINT", null, null)), null, 0, List.of("item"), Map.of(), null));
        }
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        try (GatewaySessions direct = directSessions(); GatewaySession session = direct.open("wrong-key")) {
            session.run("CREATE CATALOG other_key WITH ('type' = 'eddy', 'secret-key' = '"
                    + Base64.getEncoder().encodeToString(other) + "')", 0);
            assertThatThrownBy(() -> session.run("SELECT * FROM other_key.default_database.rc_readers", 10))
                    .isInstanceOf(GatewayException.class)
                    .hasMessageContaining("The credentials of rc-postgres cannot be read here")
                    .hasMessageContaining("same secret key as Eddy");

            assertThatThrownBy(() -> session.run("CREATE CATALOG nowhere WITH ('type' = 'eddy', "
                    + "'store.url' = 'jdbc:postgresql://127.0.0.1:1/eddy')", 0))
                    .isInstanceOf(GatewayException.class)
                    .hasMessageContaining("Eddy's catalog cannot open its store");
        }
    }

    private static void prepareData() throws Exception {
        try (Connection c = DriverManager.getConnection(services.postgresUrl("postgres").orElseThrow(),
                services.postgresUser(), services.postgresPassword());
             Statement s = c.createStatement()) {
            s.execute("CREATE ROLE rc_reader LOGIN PASSWORD '" + READER_PASSWORD + "'");
            s.execute("CREATE ROLE rc_writer LOGIN PASSWORD '" + WRITER_PASSWORD + "'");
            s.execute("CREATE TABLE rc_counts (item TEXT PRIMARY KEY, n BIGINT)");
            s.execute("GRANT SELECT ON rc_counts TO rc_reader, rc_writer");
            s.execute("GRANT INSERT, UPDATE, DELETE ON rc_counts TO rc_writer");
        }
        IntegrationService integrations = eddy.getBean(IntegrationService.class);
        integrations.save(new IntegrationDraft("rc-kafka", IntegrationKind.KAFKA,
                Map.of(KafkaSettings.BOOTSTRAP_SERVERS, services.kafkaBootstrapServers().orElseThrow()), Map.of()));
        integrations.save(new IntegrationDraft("rc-postgres", IntegrationKind.POSTGRES, Map.of(
                PostgresSettings.HOST, "127.0.0.1", PostgresSettings.PORT, String.valueOf(services.postgresPort()
                        .orElseThrow()), PostgresSettings.DATABASE, "postgres", PostgresSettings.SSL_MODE, "disable",
                Credentials.READ_USER, "rc_reader", Credentials.WRITE_USER, "rc_writer"), Map.of(
                Credentials.READ_PASSWORD, Secret.of(READER_PASSWORD),
                Credentials.WRITE_PASSWORD, Secret.of(WRITER_PASSWORD))));
        Properties p = new Properties();
        p.put("bootstrap.servers", services.kafkaBootstrapServers().orElseThrow());
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic("rc_orders", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            String[] items = {"tea", "cake", "tea", "tea"};
            for (int i = 0; i < items.length; i++) {
                producer.send(new ProducerRecord<>("rc_orders", "{\"id\": " + (i + 1) + ", \"item\": \"" + items[i]
                        + "\"}")).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> countsInPostgres() {
        try (Connection c = DriverManager.getConnection(services.postgresUrl("postgres").orElseThrow(),
                services.postgresUser(), services.postgresPassword());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT item, n FROM rc_counts ORDER BY item")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + "=" + rs.getLong(2));
            }
            return rows;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GatewaySessions directSessions() {
        return new GatewaySessions(new SqlGatewayClient(gatewayUrl, Duration.ofSeconds(30), new ObjectMapper()),
                new SessionHeartbeat(Duration.ofSeconds(30)), List.of());
    }
}
