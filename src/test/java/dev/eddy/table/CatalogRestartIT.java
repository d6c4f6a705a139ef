package dev.eddy.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.support.WholeEddy;
import dev.eddy.table.TableDraft.Connector;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Tables and their versions outlive a restart of Eddy (and of its embedded cluster) on the same data directory. */
@org.junit.jupiter.api.extension.ExtendWith(dev.eddy.support.AsAdmin.class)
class CatalogRestartIT {

    @Test
    void tablesAndVersionsSurviveARestartOfEddy() {
        Path data = Path.of("target/it-restart/catalog-" + UUID.randomUUID());
        TableDraft v1 = new TableDraft("kept_orders", "local-kafka", Connector.KAFKA, "orders", "json", null,
                "earliest-offset", List.of(ColumnSpec.physical("order_id", "BIGINT")), null, 0, List.of(), Map.of(),
                "survives restarts");
        TableDraft v2 = new TableDraft("kept_orders", "local-kafka", Connector.KAFKA, "orders", "json", null,
                "earliest-offset", List.of(ColumnSpec.physical("order_id", "BIGINT"),
                        ColumnSpec.physical("status", "STRING")), null, 0, List.of(), Map.of(), "survives restarts");
        try (ConfigurableApplicationContext first = eddy(data)) {
            TableService tables = first.getBean(TableService.class);
            tables.create(v1);
            tables.update("kept_orders", v2);
        }
        try (ConfigurableApplicationContext second = eddy(data)) {
            TableService tables = second.getBean(TableService.class);
            TableInfo kept = tables.get("kept_orders");
            assertThat(kept.version()).isEqualTo(2);
            assertThat(kept.comment()).isEqualTo("survives restarts");
            assertThat(tables.versions("kept_orders")).extracting(TableVersion::version).containsExactly(1, 2);
            assertThat(tables.list()).extracting(TableInfo::name).containsOnlyOnce("orders");
            try (SqlConsole console = second.getBean(QueryService.class).openConsole("it-restart")) {
                assertThat(console.collect("SELECT order_id, status FROM kept_orders", 2).rows()).hasSize(2);
            }
        }
    }

    private static ConfigurableApplicationContext eddy(Path data) {
        return WholeEddy.embedded(data, "eddy.embedded.kafka.sample-orders-per-second=20");
    }
}
