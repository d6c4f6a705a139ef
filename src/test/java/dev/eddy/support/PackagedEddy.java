package dev.eddy.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar ({@code target/eddy.jar}) run as its own process on a data directory of its own,
 * with every embedded piece on free ports, driven through its REST API with an admin token.
 */
public final class PackagedEddy {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token = "eddy_" + UUID.randomUUID().toString().replace("-", "");
    private final Path dataDir;
    private final String adminPassword = "admin-" + UUID.randomUUID();
    private final int port = FreePorts.any();
    private final int postgres = FreePorts.any();
    private final int kafka = FreePorts.any();
    private final List<String> args;
    private Process process;
    private int starts;
    private java.util.concurrent.Callable<Connection> store = () -> database("eddy");

    /** An Eddy on {@code dataDir} with {@code settings} ({@code --name=value}) after the ports'. */
    public PackagedEddy(Path dataDir, String... settings) {
        this.dataDir = dataDir.toAbsolutePath();
        List<String> all = new ArrayList<>(List.of("--server.port=" + port, "--eddy.embedded.data-dir=" + this.dataDir,
                "--eddy.embedded.postgres.port=" + postgres, "--eddy.embedded.kafka.port=" + kafka,
                "--eddy.embedded.kafka.controller-port=" + FreePorts.any(),
                "--eddy.embedded.flink.rest-port=" + FreePorts.any(),
                "--eddy.embedded.flink.gateway-port=" + FreePorts.any(), "--eddy.admin-password=" + adminPassword));
        all.addAll(List.of(settings));
        this.args = List.copyOf(all);
    }

    /** Its store elsewhere than in its embedded PostgreSQL (remote mode), reached as a superuser there. */
    public PackagedEddy withStore(java.util.concurrent.Callable<Connection> store) {
        this.store = store;
        return this;
    }

    /** The admin's API token. */
    public String token() {
        return token;
    }

    public String adminPassword() {
        return adminPassword;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Process process() {
        return process;
    }

    /** Starts the jar, waits until its console answers and, the first time, gives the admin an API token. */
    public void start() throws Exception {
        long t0 = System.nanoTime();
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("eddy-" + (++starts) + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-jar",
                Path.of("target/eddy.jar").toAbsolutePath().toString()));
        command.addAll(args);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        SeparateProcess.awaitHttp(process, "Eddy (start " + starts + ")", base() + "/login", Duration.ofSeconds(240), log);
        System.out.printf("Start %d answered after %.1f s%n", starts, (System.nanoTime() - t0) / 1e9);
        if (starts == 1) {
            insertToken();
        }
    }

    public Path log() {
        return dataDir.resolve("eddy-" + starts + ".log");
    }

    /** A gentle stop (SIGTERM): Eddy's shutdown runs; true when it ended within 90 s. */
    public boolean stop() throws InterruptedException {
        process.destroy();
        return process.waitFor(90, TimeUnit.SECONDS);
    }

    /** kill -9: nothing of Eddy's own shutdown runs. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(60, TimeUnit.SECONDS);
        }
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Sends a request as the admin; fails unless the answer's status is one of {@code ok}. */
    public JsonNode send(String method, String path, Object body, int... ok) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(180))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        for (int code : ok) {
            if (response.statusCode() == code) {
                return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            }
        }
        throw new Refused(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }

    /** Uploads a function library's JAR as the admin: the JAR is the request's body. */
    public JsonNode uploadLibrary(String library, byte[] jar) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/function-libraries/"
                + library + "?file=" + library + ".jar")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/java-archive")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(jar)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new Refused("Uploading " + library + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The status a GET answers with, as the admin. */
    public int status(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** An answer other than the one asked for: Eddy refused, in words. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    /** Runs one statement through the API and waits until it ended; fails unless it finished. */
    public void statement(String sql) throws Exception {
        long id = send("POST", "/api/v1/statements", java.util.Map.of("statement", sql), 201).path("id").asLong();
        String state = Await.until("the statement to end", Duration.ofSeconds(60),
                () -> call(() -> send("GET", "/api/v1/statements/" + id, null, 200)).path("state").asText(),
                s -> !"RUNNING".equals(s));
        if (!"FINISHED".equals(state)) {
            throw new Refused(sql + " ended " + state);
        }
    }

    /** A connection to its store as the embedded PostgreSQL's superuser. */
    public Connection store() throws Exception {
        return store.call();
    }

    /** A connection to a database of its embedded PostgreSQL (the store, the sample database) as the superuser. */
    public Connection database(String name) throws Exception {
        String password = Files.readString(dataDir.resolve("postgres/superuser.password")).strip();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres + "/" + name, "postgres", password);
    }

    /** Its embedded Kafka broker's address. */
    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + kafka;
    }

    /** An API token for the admin, kept as Eddy keeps tokens (its SHA-256). */
    private void insertToken() throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        Await.until("the first admin to exist", Duration.ofSeconds(30), () -> call(() -> {
            try (Connection c = store(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM eddy_user WHERE username = 'admin'")) {
                rs.next();
                return rs.getLong(1);
            }
        }), n -> n == 1);
        try (Connection c = store(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO api_token (username, name, token_hash, role, expires_at) VALUES ('admin', 'test', '"
                    + hash + "', 'ADMIN', now() + interval '1 day')");
        }
    }

    /** A checked call as an unchecked one, for {@link Await#until}. */
    public static <T> T call(java.util.concurrent.Callable<T> call) {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
