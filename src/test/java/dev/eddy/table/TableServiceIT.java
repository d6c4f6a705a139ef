package dev.eddy.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.config.Endpoints;
import dev.eddy.gateway.ResultRow;
import dev.eddy.gateway.StatementResult;
import dev.eddy.integration.IntegrationDraft;
import dev.eddy.integration.IntegrationException;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.KafkaSettings;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.table.TableDraft.Connector;
import dev.eddy.table.TableService.TopicSample;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Tables made through the service the wizard uses, over the real embedded Kafka and PostgreSQL,
 * read back through the gateway.
 */
@EddyIntegrationTest
class TableServiceIT {
    @Autowired
    TableService tables;
    @Autowired
    QueryService queries;
    @Autowired
    IntegrationService integrations;
    @Autowired
    Endpoints endpoints;

    @Test
    void theSampleTablesAreInTheCatalogNamingTheBuiltInIntegrations() {
        assertThat(tables.list()).extracting(TableInfo::name).contains("orders", "customers", "products", "order_totals");
        TableInfo orders = tables.get("orders");
        assertThat(orders.integration()).isEqualTo("local-kafka");
        assertThat(orders.source()).isEqualTo("orders");
        assertThat(orders.format()).isEqualTo("json");
        assertThat(tables.get("customers").connector()).isEqualTo("jdbc");
    }

    @Test
    void aJsonTableInferredFromTheSampleTopicReadsItsMessages() {
        TableService.TopicSample sample = tables.sampleTopic("local-kafka", "orders", "json", 20);
        assertThat(sample.messages()).isNotEmpty();
        assertThat(sample.inference().columns()).extracting(ColumnSpec::name)
                .startsWith("order_id", "customer_id", "product_id", "quantity", "price", "status", "order_time");
        assertThat(sample.inference().columns()).filteredOn(c -> c.name().equals("order_time"))
                .extracting(ColumnSpec::type).containsExactly("TIMESTAMP_LTZ(3)");

        TableDraft draft = new TableDraft("inferred_orders", "local-kafka", Connector.KAFKA, "orders", "json", null,
                "earliest-offset", sample.inference().columns(), "order_time", 5, List.of(),
                Map.of("json.timestamp-format.standard", sample.inference().timestampStandard()), null);
        TableInfo created = tables.create(draft);
        assertThat(created.version()).isEqualTo(1);
        try (SqlConsole console = queries.openConsole("it-tables-json")) {
            StatementResult rows = console.collect("SELECT order_id, status, order_time FROM inferred_orders", 5);
            assertThat(rows.rows()).hasSize(5).allSatisfy(r -> assertThat(r.fields().get(2)).isNotNull());
        }
        assertThatThrownBy(() -> tables.create(draft)).isInstanceOf(TableException.class)
                .hasMessageContaining("exists already");
        tables.drop("inferred_orders");
    }

    @Test
    void editingMakesANewVersionWithTheChangesListedAndACopyKeepsTheDefinition() {
        TableDraft v1 = new TableDraft("edited_orders", "local-kafka", Connector.KAFKA, "orders", "json", null,
                "earliest-offset", List.of(ColumnSpec.physical("order_id", "BIGINT"),
                        ColumnSpec.physical("status", "STRING")), null, 0, List.of(), Map.of(), null);
        tables.create(v1);
        TableDraft read = tables.draftOf("edited_orders");
        assertThat(read.columns()).extracting(ColumnSpec::name).containsExactly("order_id", "status");
        assertThat(read.startupMode()).isEqualTo("earliest-offset");
        assertThat(tables.update("edited_orders", read).version()).as("saving it unchanged makes no version")
                .isEqualTo(1);
        TableDraft v2 = new TableDraft("edited_orders", "local-kafka", Connector.KAFKA, "orders", "json", null,
                "latest-offset", List.of(ColumnSpec.physical("order_id", "BIGINT"),
                        ColumnSpec.physical("status", "STRING"), ColumnSpec.physical("quantity", "INT")), null, 0,
                List.of(), Map.of(), null);
        assertThat(tables.update("edited_orders", v2).version()).isEqualTo(2);
        List<TableVersion> versions = tables.versions("edited_orders");
        assertThat(versions).extracting(TableVersion::version).containsExactly(1, 2);
        assertThat(versions.get(1).changes()).containsExactlyInAnyOrder("+ column quantity INT",
                "− option 'scan.startup.mode' = 'earliest-offset'", "+ option 'scan.startup.mode' = 'latest-offset'");

        TableDraft broken = new TableDraft("edited_orders", "local-kafka", Connector.KAFKA, "orders", "json", null,
                "latest-offset", List.of(ColumnSpec.physical("order_id", "NOT_A_TYPE")), null, 0, List.of(), Map.of(),
                null);
        assertThatThrownBy(() -> tables.update("edited_orders", broken)).isInstanceOf(TableException.class)
                .hasMessageStartingWith("Flink refused the table");
        assertThat(tables.get("edited_orders").version()).as("a refused edit changes nothing").isEqualTo(2);
        assertThat(tables.list()).extracting(TableInfo::name).noneMatch(n -> n.startsWith("eddy_edit_"));

        TableInfo copy = tables.copy("edited_orders", "edited_orders_copy");
        assertThat(copy.columns()).isEqualTo(tables.get("edited_orders").columns());
        tables.drop("edited_orders_copy");
        tables.drop("edited_orders");
    }

    @Test
    void upsertKafkaKeepsTheLatestRowPerKey() throws Exception {
        createTopic("status_by_order");
        tables.create(new TableDraft("status_by_order", "local-kafka", Connector.UPSERT_KAFKA, "status_by_order",
                "json", "json", null, List.of(ColumnSpec.physical("order_id", "BIGINT"),
                        ColumnSpec.physical("status", "STRING")), null, 0, List.of("order_id"), Map.of(), null));
        try (SqlConsole console = queries.openConsole("it-tables-upsert")) {
            console.collect("SET 'table.dml-sync' = 'true'", 1);
            console.collect("INSERT INTO status_by_order VALUES (1, 'CREATED'), (2, 'CREATED'), (1, 'PAID')", 1);
            StatementResult rows = console.collect(
                    "SELECT order_id, status FROM status_by_order /*+ OPTIONS('scan.bounded.mode'='latest-offset') */", 10);
            assertThat(rows.rows()).extracting(r -> r.fields().get(0) + "=" + r.fields().get(1))
                    .contains("1=PAID", "2=CREATED");
        }
        tables.drop("status_by_order");
    }

    @Test
    void debeziumChangeEventsBecomeInsertsUpdatesAndDeletes() throws Exception {
        createTopic("pg.public.accounts");
        send("pg.public.accounts", List.of(
                "{\"before\":null,\"after\":{\"id\":1,\"owner\":\"Ada\",\"balance\":10},\"op\":\"c\"}",
                "{\"before\":null,\"after\":{\"id\":2,\"owner\":\"Linus\",\"balance\":5},\"op\":\"c\"}",
                "{\"before\":{\"id\":1,\"owner\":\"Ada\",\"balance\":10},\"after\":{\"id\":1,\"owner\":\"Ada\",\"balance\":25},\"op\":\"u\"}",
                "{\"before\":{\"id\":2,\"owner\":\"Linus\",\"balance\":5},\"after\":null,\"op\":\"d\"}"));
        TableService.TopicSample sample = tables.sampleTopic("local-kafka", "pg.public.accounts", "debezium-json", 10);
        assertThat(sample.inference().columns()).extracting(ColumnSpec::name).containsExactly("id", "owner", "balance");
        tables.create(new TableDraft("accounts_cdc", "local-kafka", Connector.KAFKA, "pg.public.accounts",
                "debezium-json", null, "earliest-offset", sample.inference().columns(), null, 0, List.of("id"),
                Map.of(), null));
        try (SqlConsole console = queries.openConsole("it-tables-cdc")) {
            StatementResult totals = console.collect("SELECT SUM(balance) AS total, COUNT(*) AS n FROM accounts_cdc "
                    + "/*+ OPTIONS('scan.bounded.mode'='latest-offset') */", 100);
            ResultRow last = totals.rows().get(totals.rows().size() - 1);
            assertThat(last.fields()).extracting(String::valueOf).containsExactly("25", "1");
        }
        tables.drop("accounts_cdc");
    }

    @Test
    void avroTablesWriteAndReadBackTheirRows() throws Exception {
        createTopic("avro_payments");
        tables.create(new TableDraft("avro_payments", "local-kafka", Connector.KAFKA, "avro_payments", "avro", null,
                "earliest-offset", PAYMENT, null, 0, List.of(), Map.of(), null));
        assertThat(roundTrip("avro_payments")).containsExactlyInAnyOrder("1=9.50=EUR", "2=12.00=USD");
        tables.drop("avro_payments");
    }

    @Test
    void avroConfluentTablesUseTheIntegrationsSchemaRegistry() throws Exception {
        createTopic("registry_payments");
        try (SchemaRegistryDouble registry = new SchemaRegistryDouble()) {
            integrations.save(new IntegrationDraft("registry-kafka", IntegrationKind.KAFKA, Map.of(
                    KafkaSettings.BOOTSTRAP_SERVERS, endpoints.kafkaBootstrapServers(),
                    KafkaSettings.SCHEMA_REGISTRY_URL, registry.url()), Map.of()));
            tables.create(new TableDraft("registry_payments", "registry-kafka", Connector.KAFKA, "registry_payments",
                    "avro-confluent", null, "earliest-offset", PAYMENT, null, 0, List.of(), Map.of(), null));
            assertThat(tables.ddl(tables.draftOf("registry_payments"))).doesNotContain(registry.url());
            assertThat(roundTrip("registry_payments")).containsExactlyInAnyOrder("1=9.50=EUR", "2=12.00=USD");
            assertThat(registry.subjects()).containsKey("registry_payments-value");
            TopicSample sample = tables.sampleTopic("registry-kafka", "registry_payments", "avro-confluent", 10);
            assertThat(sample.inference().columns()).as("columns read from the writer schema in the registry")
                    .extracting(c -> c.name() + " " + c.type())
                    .containsExactly("id BIGINT", "amount DECIMAL(10, 2)", "currency STRING");
            assertThat(sample.inference().notes()).singleElement().asString()
                    .startsWith("Columns from schema " + registry.subjects().get("registry_payments-value"));
            assertThat(tables.sampleTopic("local-kafka", "registry_payments", "avro-confluent", 10).inference())
                    .as("without a registry URL the wizard says where to add it")
                    .satisfies(i -> assertThat(i.columns()).isEmpty())
                    .satisfies(i -> assertThat(i.notes()).singleElement().asString()
                            .contains("has no schema registry URL"));
            tables.drop("registry_payments");
            integrations.delete("registry-kafka");
        }
    }

    @Test
    void avroConfluentWithoutARegistryUrlSaysWhereToAddIt() {
        tables.create(new TableDraft("no_registry", "local-kafka", Connector.KAFKA, "orders", "avro-confluent", null,
                null, PAYMENT, null, 0, List.of(), Map.of(), null));
        try (SqlConsole console = queries.openConsole("it-tables-no-registry")) {
            assertThatThrownBy(() -> console.collect("SELECT * FROM no_registry", 1))
                    .hasMessageContaining("local-kafka has no schema registry URL");
        }
        tables.drop("no_registry");
    }

    private static final List<ColumnSpec> PAYMENT = List.of(ColumnSpec.physical("id", "BIGINT"),
            ColumnSpec.physical("amount", "DECIMAL(10, 2)"), ColumnSpec.physical("currency", "STRING"));

    /** Writes two rows through the table, reads them back to the end of the topic. */
    private List<String> roundTrip(String table) {
        try (SqlConsole console = queries.openConsole("it-tables-" + table)) {
            console.collect("SET 'table.dml-sync' = 'true'", 1);
            console.collect("INSERT INTO " + table + " VALUES (1, 9.50, 'EUR'), (2, 12.00, 'USD')", 1);
            StatementResult rows = console.collect("SELECT id, amount, currency FROM " + table
                    + " /*+ OPTIONS('scan.bounded.mode'='latest-offset') */", 10);
            return rows.rows().stream().map(r -> r.fields().get(0) + "=" + r.fields().get(1) + "=" + r.fields().get(2))
                    .toList();
        }
    }

    @Test
    void anIntegrationThatTablesUseCannotBeRemoved() {
        integrations.save(new IntegrationDraft("used-kafka", IntegrationKind.KAFKA,
                Map.of(KafkaSettings.BOOTSTRAP_SERVERS, endpoints.kafkaBootstrapServers()), Map.of()));
        tables.create(new TableDraft("uses_kafka", "used-kafka", Connector.KAFKA, "orders", "json", null, null,
                List.of(ColumnSpec.physical("order_id", "BIGINT")), null, 0, List.of(), Map.of(), null));
        assertThatThrownBy(() -> integrations.delete("used-kafka")).isInstanceOf(IntegrationException.class)
                .hasMessage("used-kafka cannot be removed: table uses_kafka reads or writes through it. "
                        + "Drop or change it first.");
        tables.drop("uses_kafka");
        integrations.delete("used-kafka");
    }

    @Test
    void aTableOfTheWrongKindOfIntegrationIsRefusedInWords() {
        assertThatThrownBy(() -> tables.create(new TableDraft("wrong_kind", "sample-postgres", Connector.KAFKA, "orders",
                "json", null, null, List.of(ColumnSpec.physical("a", "INT")), null, 0, List.of(), Map.of(), null)))
                .isInstanceOf(TableException.class)
                .hasMessage("sample-postgres is a PostgreSQL integration; a kafka table needs Kafka");
    }

    private void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                endpoints.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private void send(String topic, List<String> values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, v)).get(30, TimeUnit.SECONDS);
            }
        }
    }
}
