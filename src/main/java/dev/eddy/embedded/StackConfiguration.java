package dev.eddy.embedded;

import dev.eddy.cluster.ClusterHosting;
import dev.eddy.cluster.ClusterPlan;
import dev.eddy.table.RemoteCatalog;
import dev.eddy.config.ConnectionProperties;
import dev.eddy.config.Endpoints;
import dev.eddy.config.Secret;
import dev.eddy.table.CatalogSlot;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts the embedded stack (when any piece of it is enabled) and resolves the {@link Endpoints}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EmbeddedProperties.class, ClusterProperties.class, ConnectionProperties.class})
class StackConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedStack embeddedStack(EmbeddedProperties properties, ClusterProperties cluster) {
        return new EmbeddedStack(properties, cluster).start();
    }

    /** In embedded mode every console session starts with the sample topic and tables declared. */
    @Bean
    SampleTables sampleTables(EmbeddedStack embedded) {
        return new SampleTables(embedded);
    }

    /** Against a remote gateway, Eddy's sessions open Eddy's catalog there (the embedded one has it pinned). */
    @Bean
    RemoteCatalog remoteCatalog(EmbeddedStack embedded,
            @Value("${eddy.flink.eddy-catalog:true}") boolean wanted) {
        return new RemoteCatalog(wanted && embedded.gatewayUrl().isEmpty());
    }

    @Bean
    ClusterHosting clusterHosting(ClusterProperties cluster) {
        // Jobs are stopped with a savepoint at shutdown only when their cluster stops with Eddy.
        return new ClusterHosting(cluster.plan() == ClusterPlan.EMBEDDED
                || (cluster.plan().nodes() > 0 && cluster.stopWithEddy()), cluster.plan());
    }

    @Bean
    dev.eddy.cluster.ClusterControl clusterControl(EmbeddedStack embedded, ClusterProperties cluster) {
        return new dev.eddy.cluster.ClusterControl() {
            @Override
            public Restart restart() {
                if (!cluster.runsFlink()) {
                    return Restart.NOT_EDDYS;
                }
                return cluster.plan().nodes() > 0 ? Restart.NOW : Restart.AT_NEXT_START;
            }

            @Override
            public void restartWith(java.util.Map<String, String> settings) {
                try {
                    embedded.restartFlinkWith(settings);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
        };
    }

    @Bean
    dev.eddy.cluster.ClusterNodes clusterNodes(EmbeddedStack embedded, ClusterProperties cluster) {
        return new dev.eddy.cluster.ClusterNodes() {
            @Override
            public ClusterPlan plan() {
                return cluster.plan();
            }

            @Override
            public java.util.List<NodeProcess> processes() {
                return embedded.clusterProcesses();
            }

            @Override
            public String stateStorage() {
                return embedded.stateStorage().orElse(null);
            }

            @Override
            public java.util.Map<Integer, String> jobManagers() {
                return embedded.clusterJobManagers();
            }
        };
    }

    @Bean
    CatalogSlot catalogSlot(EmbeddedStack embedded) {
        return embedded.catalogSlot();
    }

    @Bean
    SampleIntegrations sampleIntegrations(EmbeddedStack embedded) {
        return new SampleIntegrations(embedded);
    }

    @Bean
    Endpoints endpoints(EmbeddedStack embedded, ConnectionProperties remote) {
        return new Endpoints(
                pick(embedded.gatewayUrl(), remote.flink().gatewayUrl(), "eddy.flink.gateway-url",
                        "eddy.cluster.plan is remote"),
                embedded.jobManagerAddress().orElseGet(() -> {
                    String fixed = pick(Optional.empty(), remote.flink().jobmanagerUrl(), "eddy.flink.jobmanager-url",
                            "eddy.cluster.plan is remote");
                    return () -> fixed;
                }),
                pick(embedded.kafkaBootstrapServers(), remote.kafka().bootstrapServers(),
                        "eddy.kafka.bootstrap-servers", "eddy.embedded.kafka.enabled is false"),
                pick(embedded.postgresUrl(EmbeddedStack.STORE_DATABASE), remote.store().url(), "eddy.store.url",
                        "eddy.embedded.postgres.enabled is false"),
                embedded.postgresUrl("").isPresent() ? embedded.storeUser() : remote.store().username(),
                embedded.postgresUrl("").isPresent() ? Secret.of(embedded.storePassword()) : remote.store().password());
    }

    private static String pick(Optional<String> embedded, String remote, String setting, String why) {
        if (embedded.isPresent()) {
            return embedded.get();
        }
        if (remote == null || remote.isBlank()) {
            throw new IllegalStateException(why + " but " + setting + " is not set: set " + setting
                    + " to the address of the service to use, or turn the embedded one back on.");
        }
        return remote.strip();
    }
}
