package dev.eddy.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.config.Endpoints;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the gateway client to the resolved gateway address. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
class GatewayConfiguration {

    @Bean
    SqlGatewayClient sqlGatewayClient(Endpoints endpoints, GatewayProperties properties, ObjectMapper json) {
        return new SqlGatewayClient(endpoints.gatewayUrl(), properties.requestTimeout(), json);
    }

    @Bean(destroyMethod = "close")
    GatewaySessions gatewaySessions(SqlGatewayClient client, GatewayProperties properties,
            List<SessionInitializer> initializers) {
        return new GatewaySessions(client, new SessionHeartbeat(properties.heartbeatInterval()), initializers);
    }
}
