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
    void environmentVariableFollowsSpringsRelaxedBinding() {
        assertThat(PortInUseException.toEnvironmentVariable("eddy.embedded.flink.gateway-port"))
                .isEqualTo("EDDY_EMBEDDED_FLINK_GATEWAYPORT");
    }
}
