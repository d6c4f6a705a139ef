package dev.eddy.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.security.ApiTokenService;
import dev.eddy.security.AuditEntry;
import dev.eddy.security.AuditLog;
import dev.eddy.security.Role;
import dev.eddy.security.UserService;
import dev.eddy.support.EddyIntegrationTest;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Flink's own SQL Client 2.2, in gateway mode, as a separate process pointed at Eddy: it gets in
 * with a developer's API token sent as a header, and meets the same SQL policy and audit as the
 * console; without a token it is turned away.
 */
@EddyIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlClientThroughEddyIT {
    private static final Path WORK = Path.of("target/it-sql-client");
    @LocalServerPort
    int port;
    @Autowired
    UserService users;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    AuditLog audit;
    @Autowired
    dev.eddy.function.FunctionLibraries libraries;
    @Autowired
    dev.eddy.function.RegisteredFunctions functions;
    private String developerToken;
    private String otherToken;

    @BeforeAll
    void aDeveloperWithAToken() throws Exception {
        Files.createDirectories(WORK.resolve("conf"));
        Files.writeString(WORK.resolve("conf/config.yaml"), "");
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("admin", "n/a", "ROLE_ADMIN"));
        users.add("sql-client-dev", "a-long-enough-password", Role.DEVELOPER);
        SecurityContextHolder.getContext().setAuthentication(
                new TestingAuthenticationToken("sql-client-dev", "n/a", Role.DEVELOPER.authority()));
        developerToken = tokens.create("sql-client test", Role.DEVELOPER, Duration.ofDays(1)).secret();
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("admin", "n/a", "ROLE_ADMIN"));
        users.add("sql-client-other", "a-long-enough-password", Role.DEVELOPER);
        SecurityContextHolder.getContext().setAuthentication(
                new TestingAuthenticationToken("sql-client-other", "n/a", Role.DEVELOPER.authority()));
        otherToken = tokens.create("another developer", Role.DEVELOPER, Duration.ofDays(1)).secret();
        SecurityContextHolder.clearContext();
    }

    @Test
    void aDevelopersTokenRunsStatementsInEddysCatalog() throws Exception {
        Run run = sqlClient(developerToken, """
                SET 'sql-client.execution.result-mode' = 'tableau';
                SHOW TABLES;
                SELECT UPPER('through eddy') AS greeting;
                """);
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("orders").contains("THROUGH EDDY");
        assertThat(audit.search("sql-client-dev", "Ran statement (SQL Client)", null, null, 20))
                .extracting(AuditEntry::target).anyMatch(t -> t.contains("UPPER('through eddy')"));
    }

    @Test
    void aDeveloperCallsAFunctionThatAnAdminRegisteredFromALibrary() throws Exception {
        String id = java.util.UUID.randomUUID().toString().substring(0, 8);
        String library = "client-strings-" + id;
        String function = "client_shout_" + id;
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("admin", "n/a", "ROLE_ADMIN"));
        libraries.upload(library, "strings.jar", dev.eddy.support.UdfJar.version1());
        functions.register(library, "dev.eddy.udf.Shout", function);
        SecurityContextHolder.clearContext();
        try {
            Run run = sqlClient(developerToken, "SET 'sql-client.execution.result-mode' = 'tableau';\n"
                    + "SELECT " + function + "('through eddy') AS loud;\n");
            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(run.output()).contains("THROUGH EDDY!");
        } finally {
            SecurityContextHolder.getContext().setAuthentication(
                    new TestingAuthenticationToken("admin", "n/a", "ROLE_ADMIN"));
            functions.drop(function);
            libraries.delete(library);
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void withoutATokenTheClientIsTurnedAwayInWords() throws Exception {
        Run run = sqlClient(null, "SHOW TABLES;\n");
        assertThat(run.exit()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("Eddy needs an API token");

        Run forged = sqlClient("eddy_not-a-real-token", "SHOW TABLES;\n");
        assertThat(forged.exit()).as(forged.output()).isNotZero();
        assertThat(forged.output()).contains("Eddy needs an API token");
    }

    @Test
    void aDeveloperCannotAddAJarThroughTheSqlClient() throws Exception {
        Run run = sqlClient(developerToken, "ADD JAR '/tmp/evil.jar';\n");
        assertThat(run.output()).contains("Only admins add or remove JARs");
        assertThat(audit.search("sql-client-dev", "Statement refused by the SQL policy", null, null, 20)).isNotEmpty();
    }

    @Test
    void aFailingStatementIsAnsweredInWordsWithoutTheServersStackTrace() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port + "/sql-gateway/v3/sessions";
        String session = new com.fasterxml.jackson.databind.ObjectMapper().readTree(send(http, base, "{}").body())
                .path("sessionHandle").asText();
        HttpResponse<String> submitted = send(http, base + "/" + session + "/statements",
                "{\"statement\": \"SELECT * FROM no_such_table\"}");
        // The gateway refuses it on submission or when its result is fetched: either answer is checked.
        String operation = new com.fasterxml.jackson.databind.ObjectMapper().readTree(submitted.body())
                .path("operationHandle").asText();
        HttpResponse<String> result = submitted.statusCode() >= 400 ? submitted
                : dev.eddy.support.Await.until("the statement's answer", Duration.ofSeconds(30),
                        () -> fetch(http, base + "/" + session + "/operations/" + operation + "/result/0?rowFormat=JSON"),
                        r -> r.statusCode() >= 400);
        assertThat(result.body()).contains("no_such_table").doesNotContain("\\tat ").doesNotContain("at org.apache");

        HttpResponse<String> stranger = http.send(HttpRequest.newBuilder(URI.create(base + "/" + session))
                .header("Authorization", "Bearer " + otherToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stranger.statusCode()).as("another user's session").isEqualTo(404);
        assertThat(stranger.body()).contains("No session " + session + " of yours");
    }

    private HttpResponse<String> fetch(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + developerToken)
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpClient http, String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + developerToken)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private record Run(int exit, String output) {}

    private Run sqlClient(String token, String script) throws Exception {
        Path file = Files.createTempFile(Files.createDirectories(WORK), "script", ".sql");
        Files.writeString(file, script);
        Path log = Files.createTempFile(WORK, "client", ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", classPath(), "org.apache.flink.table.client.SqlClient", "gateway",
                "--endpoint", "http://127.0.0.1:" + port + "/sql-gateway", "-f", file.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("FLINK_CONF_DIR", WORK.resolve("conf").toAbsolutePath().toString());
        if (token != null) {
            builder.environment().put("FLINK_REST_CLIENT_HEADERS", "Authorization:Bearer " + token);
        } else {
            builder.environment().remove("FLINK_REST_CLIENT_HEADERS");
        }
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The SQL Client did not finish in 120 s:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    /** Flink's jars (the SQL Client among them), without Eddy's own classes. */
    private static String classPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>(Arrays.stream(path.split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar")).toList());
        return String.join(File.pathSeparator, entries);
    }
}
