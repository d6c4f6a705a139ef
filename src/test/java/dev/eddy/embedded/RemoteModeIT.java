package dev.eddy.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.config.Endpoints;
import dev.eddy.query.Outcome;
import dev.eddy.query.QueryReport;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.support.RecordingListener;
import dev.eddy.support.WholeEddy;
import dev.eddy.table.TableService;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Eddy in remote mode: every embedded piece off, pointed at a Flink SQL Gateway, JobManager, Kafka
 * and PostgreSQL started separately, as a user's existing services would be.
 */
@org.junit.jupiter.api.extension.ExtendWith(dev.eddy.support.AsAdmin.class)
class RemoteModeIT {
    static EmbeddedStack services;

    @BeforeAll
    static void startSeparateServices() {
        services = WholeEddy.separateServices(Path.of("target/it-remote/" + UUID.randomUUID()));
    }

    @AfterAll
    static void stopSeparateServices() {
        services.close();
    }

    @Test
    void eddyRunsStatementsOnRemoteServicesAndKeepsItsStoreThere() throws Exception {
        try (ConfigurableApplicationContext eddy = remoteEddy()) {
            Endpoints endpoints = eddy.getBean(Endpoints.class);
            assertThat(endpoints.gatewayUrl()).isEqualTo(services.gatewayUrl().orElseThrow());
            assertThat(endpoints.jobManagerUrl()).isEqualTo(services.jobManagerUrl().orElseThrow());
            assertThat(endpoints.kafkaBootstrapServers()).isEqualTo(services.kafkaBootstrapServers().orElseThrow());
            EmbeddedStack own = eddy.getBean(EmbeddedStack.class);
            assertThat(own.gatewayUrl()).as("nothing embedded runs in remote mode").isEmpty();
            assertThat(own.postgresUrl("eddy")).isEmpty();
            assertThat(own.kafkaBootstrapServers()).isEmpty();

            assertThat(eddy.getBean(TableService.class).catalogProblem())
                    .as("this gateway has the catalog's classes but not Eddy's store address: said at start")
                    .hasValueSatisfying(problem -> assertThat(problem).contains("EDDY_STORE_URL"));

            QueryService queries = eddy.getBean(QueryService.class);
            assertThat(queries.exampleScript()).contains("SHOW TABLES");
            try (SqlConsole console = queries.openConsole("remote-it")) {
                RecordingListener collector = new RecordingListener();
                console.run("SELECT 40 + 2 AS answer", collector);
                QueryReport report = collector.finished.get(60, TimeUnit.SECONDS);
                assertThat(report.outcome()).isEqualTo(Outcome.SUCCEEDED);
                assertThat(collector.stream.get().tableRows()).containsExactly(java.util.List.of(42L));
            }
        }
        try (Connection c = DriverManager.getConnection(services.postgresUrl("eddy").orElseThrow(), "postgres", services.postgresPassword());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT outcome FROM statement_history WHERE statement = 'SELECT 40 + 2 AS answer'")) {
            assertThat(rs.next()).as("the run is recorded in the remote store").isTrue();
            assertThat(rs.getString(1)).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void aMissingRemoteAddressSaysWhichSettingToSet() {
        assertThatThrownBy(() -> remoteEddy("eddy.flink.gateway-url=").close())
                .rootCause()
                .hasMessageContaining("eddy.flink.gateway-url is not set");
    }

    private static ConfigurableApplicationContext remoteEddy(String... more) {
        return WholeEddy.remoteOn(services, more);
    }
}
