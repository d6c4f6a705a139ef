package dev.eddy.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The ZooKeeper quorum of the three-node plan: one peer per node (Flink's own
 * {@code FlinkZooKeeperQuorumPeer} from flink-runtime), on loopback, where the JobManagers elect
 * their leader and keep the pointers to the jobs they run. Two peers of three keep it serving.
 */
final class ZooKeeperQuorum {
    static final String MAIN = "org.apache.flink.runtime.zookeeper.FlinkZooKeeperQuorumPeer";
    private final Path dir;
    private final List<ManagedProcess> peers = new ArrayList<>();

    /** {@code dir} holds one directory per peer ({@code zookeeper-N}: its settings, data, pid and logs). */
    ZooKeeperQuorum(Path dir, int size) {
        this.dir = dir.toAbsolutePath().normalize();
        for (int i = 1; i <= size; i++) {
            peers.add(new ManagedProcess("ZooKeeper " + i, peerDir(i)));
        }
    }

    List<ManagedProcess> peers() {
        return peers;
    }

    /**
     * The quorum's client addresses ({@code host:port,…}, Flink's {@code high-availability.zookeeper.quorum}):
     * the ports of the peers still running, else new ones. A peer's ports never change while another
     * runs, since every peer names all of them.
     */
    String prepare() throws IOException {
        boolean anyRunning = peers.stream().anyMatch(p -> p.find().isPresent());
        if (!anyRunning || !Files.isRegularFile(settingsFile(1))) {
            writeSettings();
        }
        List<String> clients = new ArrayList<>();
        for (int i = 1; i <= peers.size(); i++) {
            clients.add("127.0.0.1:" + read(i).getProperty("clientPort"));
        }
        return String.join(",", clients);
    }

    /** Starts the peers not running (takes over those that are) and waits until each accepts clients. */
    void start(String classPath, Duration timeout) throws Exception {
        for (int i = 1; i <= peers.size(); i++) {
            if (!peers.get(i - 1).adopt()) {
                launch(i, classPath);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 1; i <= peers.size(); i++) {
            int port = Integer.parseInt(read(i).getProperty("clientPort"));
            while (!answers(port)) {
                ManagedProcess peer = peers.get(i - 1);
                if (!peer.isAlive()) {
                    throw new IllegalStateException(peer.name() + " stopped while starting: see " + peer.logFile()
                            + " and " + peer.logFile().resolveSibling("console.out"));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(peer.name() + " did not accept clients on port " + port + " within "
                            + timeout.toSeconds() + " s: see " + peer.logFile());
                }
                Thread.sleep(200);
            }
        }
    }

    /** Starts a peer that died again, with the same settings: the others know it by its ports. */
    void restart(int peer, String classPath) throws IOException {
        peers.get(peer - 1).countRestart();
        launch(peer, classPath);
    }

    private void launch(int peer, String classPath) throws IOException {
        peers.get(peer - 1).start(List.of("-Xmx128m", "-Xss512k", "-XX:+UseSerialGC"), classPath, MAIN,
                List.of("--zkConfigFile", settingsFile(peer).toString(), "--peerId", String.valueOf(peer)));
    }

    private void writeSettings() throws IOException {
        int[][] ports = new int[peers.size()][3];
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (int[] peer : ports) {
            for (int k = 0; k < 3; k++) {
                int port;
                do {
                    port = Ports.claim(0, "a ZooKeeper peer", "");
                } while (!taken.add(port));
                peer[k] = port;
            }
        }
        String servers = java.util.stream.IntStream.range(0, ports.length)
                .mapToObj(i -> "server." + (i + 1) + "=127.0.0.1:" + ports[i][1] + ":" + ports[i][2])
                .collect(Collectors.joining("\n"));
        for (int i = 1; i <= peers.size(); i++) {
            Files.createDirectories(peerDir(i));
            Properties p = new Properties();
            // Ticks of 1 s allow sessions of 2 to 20 s: Flink's 6 s session finds a lost leader quickly.
            p.setProperty("tickTime", "1000");
            p.setProperty("initLimit", "10");
            p.setProperty("syncLimit", "5");
            p.setProperty("dataDir", peerDir(i).resolve("data").toString());
            p.setProperty("clientPort", String.valueOf(ports[i - 1][0]));
            p.setProperty("clientPortAddress", "127.0.0.1");
            // Its admin web server would take port 8080 on every interface, three times over.
            p.setProperty("admin.enableServer", "false");
            p.setProperty("4lw.commands.whitelist", "srvr");
            p.setProperty("autopurge.purgeInterval", "1");
            p.setProperty("autopurge.snapRetainCount", "3");
            try (Writer out = Files.newBufferedWriter(settingsFile(i))) {
                p.store(out, "Written by Eddy for ZooKeeper peer " + i + " of the three-node plan");
                out.write(servers + "\n");
            }
        }
    }

    private Properties read(int peer) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(settingsFile(peer))) {
            p.load(in);
        }
        return p;
    }

    /** Whether the peer on {@code port} serves clients: part of a quorum, as leader or follower ("srvr" says its mode). */
    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("srvr".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] answer = socket.getInputStream().readNBytes(2048);
            return new String(answer, java.nio.charset.StandardCharsets.US_ASCII).contains("Mode: ");
        } catch (IOException e) {
            return false;
        }
    }

    private Path peerDir(int peer) {
        return dir.resolve("zookeeper-" + peer);
    }

    private Path settingsFile(int peer) {
        return peerDir(peer).resolve("zoo.cfg");
    }
}
