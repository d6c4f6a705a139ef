package dev.eddy.embedded;

import dev.eddy.gateway.SessionInitializer;
import dev.eddy.table.TableSeed;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sample topic and tables in Eddy's catalog, created once, so a newcomer's first
 * {@code SELECT * FROM orders} runs without writing any DDL. They name the built-in integrations,
 * so they keep working when the embedded ports change.
 */
public final class SampleTables implements SessionInitializer, TableSeed {
    private final EmbeddedStack stack;

    public SampleTables(EmbeddedStack stack) {
        this.stack = stack;
    }

    @Override
    public List<String> tables() {
        List<String> ddl = new ArrayList<>();
        stack.kafkaBootstrapServers().ifPresent(kafka -> ddl.add(ordersTable()));
        stack.postgresUrl(SampleDatabase.NAME).ifPresent(url -> {
            ddl.add(jdbcTable("customers", """
                    id INT, name STRING, email STRING, country STRING, created_at TIMESTAMP(6),
                    PRIMARY KEY (id) NOT ENFORCED"""));
            ddl.add(jdbcTable("products", """
                    id INT, name STRING, category STRING, price DECIMAL(10, 2),
                    PRIMARY KEY (id) NOT ENFORCED"""));
            ddl.add(jdbcTable("order_totals", """
                    customer_id INT, orders BIGINT, revenue DECIMAL(12, 2),
                    PRIMARY KEY (customer_id) NOT ENFORCED"""));
        });
        return ddl;
    }

    @Override
    public Optional<String> example() {
        if (stack.kafkaBootstrapServers().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("""
                -- Live orders from the sample Kafka topic 'orders': press Ctrl+Enter (Cmd+Enter on a Mac) to run.
                -- Then try SELECT * FROM customers, or SHOW TABLES to see what else is here.
                SELECT order_id, customer_id, quantity * price AS amount, status, order_time
                FROM orders
                """);
    }

    static String ordersTable() {
        return """
                CREATE TABLE IF NOT EXISTS orders (
                  order_id BIGINT,
                  customer_id INT,
                  product_id INT,
                  quantity INT,
                  price DECIMAL(10, 2),
                  status STRING,
                  order_time TIMESTAMP_LTZ(3),
                  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
                )
                COMMENT 'Live sample orders, a few per second'
                WITH (
                  'connector' = 'kafka',
                  'eddy.integration' = '%s',
                  'topic' = '%s',
                  'scan.startup.mode' = 'latest-offset',
                  'format' = 'json',
                  'json.timestamp-format.standard' = 'ISO-8601'
                )""".formatted(SampleIntegrations.KAFKA, SampleOrdersProducer.TOPIC);
    }

    private static String jdbcTable(String name, String columns) {
        return """
                CREATE TABLE IF NOT EXISTS %s (
                  %s
                ) WITH (
                  'connector' = 'jdbc',
                  'eddy.integration' = '%s',
                  'table-name' = '%s'
                )""".formatted(name, columns.strip().replace("\n", "\n  "), SampleIntegrations.POSTGRES, name);
    }
}
