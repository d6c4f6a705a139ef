package dev.eddy.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quick look before a client is asked: refused and dropped connections are told at once, in words. */
class ReachabilityTest {

    @Test
    void aClosedPortIsToldAsRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(Reachability.unreachable("127.0.0.1:" + port)).get().asString()
                .startsWith("nothing listens at 127.0.0.1:" + port + " (connection refused)");
    }

    @Test
    void anAddressThatDropsConnectionsIsToldWithinTheLookNotAfterAClientTimeout() throws Exception {
        // A listener whose accept queue is full drops further connection attempts without an answer,
        // as a firewall that drops packets does: a real blackhole on the loopback interface.
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + full.getLocalPort();
            boolean dropping = false;
            for (int i = 0; i < 20 && !dropping; i++) {
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 300);
                    fillers.add(s);
                } catch (SocketTimeoutException e) {
                    s.close();
                    dropping = true;
                }
            }
            assertThat(dropping).as("the loopback listener's queue filled up").isTrue();
            long t0 = System.nanoTime();
            String why = Reachability.unreachable(address).orElseThrow();
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(why).startsWith("no answer from " + address + " within 2 s").contains("can be reached from Eddy's machine");
            assertThat(millis).as("one look, not a client's timeout").isLessThan(Reachability.CONNECT_MILLIS + 1_000);
        } finally {
            for (Socket s : fillers) {
                s.close();
            }
        }
    }

    @Test
    void aListeningAddressAmongDeadOnesIsReachable() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            assertThat(Reachability.unreachable("127.0.0.1:1, 127.0.0.1:" + s.getLocalPort())).isEmpty();
        }
    }

    @Test
    void whatCannotBeToldIsLeftToTheClient() {
        assertThat(Reachability.unreachable("no-such-host.invalid:9092")).isEmpty();
        assertThat(Reachability.unreachable("localhost")).isEmpty();
        assertThat(Reachability.unreachable("")).isEmpty();
    }
}
