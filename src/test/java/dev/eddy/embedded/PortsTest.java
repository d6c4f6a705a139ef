package dev.eddy.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void takenPortNamesThePortThePieceAndTheSettingToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> Ports.claim(port, "embedded Kafka", "eddy.embedded.kafka.port"))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessage("Port " + port + " (embedded Kafka) is already in use. Stop what uses it, or set "
                            + "eddy.embedded.kafka.port (environment variable EDDY_EMBEDDED_KAFKA_PORT) to a free "
                            + "port, or to 0 to pick one.");
        }
    }

    @Test
    void zeroPicksAFreePort() {
        int port = Ports.claim(0, "embedded Kafka", "eddy.embedded.kafka.port");
        assertThat(port).isPositive();
        assertThat(Ports.isFree(port)).isTrue();
    }

    @Test
    void aPickedPortLiesBelowTheRangeThatPortZeroBindsAndOutgoingConnectionsTake() throws Exception {
        java.nio.file.Path range = java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int low = java.nio.file.Files.exists(range)
                ? Integer.parseInt(java.nio.file.Files.readAllLines(range).get(0).trim().split("\\s+")[0]) : 32_768;
        for (int i = 0; i < 20; i++) {
            assertThat(Ports.unused()).isBetween(10_000, low - 1);
        }
    }

    @Test
    void environmentVariableFollowsSpringsRelaxedBinding() {
        assertThat(PortInUseException.toEnvironmentVariable("eddy.embedded.flink.gateway-port"))
                .isEqualTo("EDDY_EMBEDDED_FLINK_GATEWAYPORT");
    }

    @Test
    void portsPickedTogetherAreDistinct() {
        Ports.Claimed ports = new Ports.Claimed();
        for (int i = 0; i < 5; i++) {
            ports.claim("p" + i, 0, "piece " + i, "setting" + i);
        }
        assertThat(java.util.stream.IntStream.range(0, 5).map(i -> ports.get("p" + i)).distinct().count()).isEqualTo(5);
    }

    @Test
    void oneExplicitPortForTwoPiecesIsRefused() {
        int port = Ports.claim(0, "x", "x");
        Ports.Claimed ports = new Ports.Claimed();
        ports.claim("rest", port, "embedded Flink REST API and web UI", "eddy.embedded.flink.rest-port");
        assertThatThrownBy(() -> ports.claim("gateway", port, "embedded Flink SQL Gateway",
                "eddy.embedded.flink.gateway-port"))
                .isInstanceOf(PortInUseException.class)
                .hasMessageContaining("eddy.embedded.flink.gateway-port");
    }
}
