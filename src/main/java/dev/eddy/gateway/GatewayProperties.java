package dev.eddy.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How Eddy talks to the SQL Gateway: per-request timeout and session heartbeat. */
@ConfigurationProperties("eddy.gateway")
public record GatewayProperties(
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("60s") Duration heartbeatInterval) {}
