package dev.eddy.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.support.EddyIntegrationTest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The schema tree over the real gateway session and the embedded integrations. */
@EddyIntegrationTest
class SchemaServiceIT {
    @Autowired
    SchemaService schema;
    @Autowired
    QueryService queries;

    @Test
    void treeShowsTheSessionsTablesColumnsAndTheIntegrations() {
        try (SqlConsole console = queries.openConsole("it-schema")) {
            console.collect("CREATE TEMPORARY VIEW paid AS SELECT order_id FROM orders WHERE status = 'PAID'", 1);
            List<SchemaNode> tree = schema.tree(console);

            SchemaNode orders = find(tree, "flink/eddy/default_database/orders").orElseThrow();
            assertThat(orders.kind()).isEqualTo(SchemaNode.Kind.TABLE);
            assertThat(orders.name()).isEqualTo("`eddy`.`default_database`.`orders`");
            assertThat(orders.children()).extracting(SchemaNode::label).startsWith("order_id", "customer_id");
            assertThat(find(tree, "flink/eddy/default_database/orders/order_time").orElseThrow().detail())
                    .startsWith("TIMESTAMP_LTZ(3)").contains("watermark");
            assertThat(find(tree, "flink/eddy/default_database/paid").orElseThrow().kind())
                    .isEqualTo(SchemaNode.Kind.VIEW);

            assertThat(find(tree, "integration/local-kafka/orders").orElseThrow().kind())
                    .isEqualTo(SchemaNode.Kind.TOPIC);
            assertThat(find(tree, "integration/sample-postgres/customers/id").orElseThrow().detail())
                    .isEqualTo("integer NOT NULL · primary key");
        }
    }

    private static Optional<SchemaNode> find(List<SchemaNode> nodes, String path) {
        for (SchemaNode n : nodes) {
            if (n.path().equals(path)) {
                return Optional.of(n);
            }
            Optional<SchemaNode> inner = find(n.children(), path);
            if (inner.isPresent()) {
                return inner;
            }
        }
        return Optional.empty();
    }
}
