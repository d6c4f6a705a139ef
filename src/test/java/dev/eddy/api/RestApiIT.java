package dev.eddy.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.job.JobService;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.security.ApiTokenService;
import dev.eddy.security.AuditEntry;
import dev.eddy.security.AuditLog;
import dev.eddy.security.Role;
import dev.eddy.security.UserService;
import dev.eddy.support.Await;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.RecordingListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** The REST API over real HTTP on the running server, signed in by API tokens of each role. */
@EddyIntegrationTest
class RestApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);
    private static final String JOB = "rest api counts";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    UserService users;
    @Autowired
    JobService jobs;
    @Autowired
    QueryService queries;
    @Autowired
    AuditLog audit;

    @BeforeEach
    void tokensForEveryRole() {
        for (Role role : Role.values()) {
            TOKENS.computeIfAbsent(role, r -> {
                // The admin is Eddy's first one: another admin would change what "the only admin" means to other tests.
                String user = r == Role.ADMIN ? "admin" : "rest-" + r.name().toLowerCase();
                if (r != Role.ADMIN) {
                    users.add(user, user + "'s long password", r);
                }
                SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, "n/a",
                        r.authority()));
                try {
                    return tokens.create("rest api test", r, Duration.ofDays(1)).secret();
                } finally {
                    SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("admin", "n/a",
                            Role.ADMIN.authority()));
                }
            });
        }
    }

    /** Whatever happened, the test's job is gone afterwards: other tests count the cluster's free slots. */
    @AfterEach
    void removeTheJob() {
        jobs.find(JOB).ifPresent(job -> {
            if (jobs.get(job.id()).isActive()) {
                jobs.cancel(job.id());
            }
            Await.until("the job to stop", Duration.ofSeconds(60), () -> jobs.get(job.id()).isActive(), active -> !active);
            jobs.delete(job.id());
        });
    }

    @Test
    void withoutATokenTheApiAnswers401AsAProblemThatSaysWhatToSend() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/v1/jobs")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(r.body()).path("detail").asText()).contains("Authorization: Bearer eddy_")
                .contains("API tokens");
        HttpResponse<String> wrong = send("GET", "/api/v1/jobs", "eddy_not-a-token", null);
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void aViewerReadsIntegrationsTablesAndTheClusterButChangesNothing() throws Exception {
        JsonNode integrations = ok(send("GET", "/api/v1/integrations", Role.VIEWER, null));
        assertThat(integrations.findValuesAsText("name")).contains("local-kafka", "sample-postgres");
        assertThat(integrations.toString()).doesNotContain("password\":\"").doesNotContain("sample_reader_password");
        JsonNode kafka = ok(send("GET", "/api/v1/integrations/local-kafka/metadata", Role.VIEWER, null));
        assertThat(kafka.path("topics").findValuesAsText("name")).contains("orders");
        assertThat(problem(send("POST", "/api/v1/integrations/local-kafka/test", Role.VIEWER, null), 403)
                .path("detail").asText()).contains("needs the admin role");
        JsonNode check = ok(send("POST", "/api/v1/integrations/local-kafka/test", Role.ADMIN, null));
        assertThat(check.path("ok").asBoolean()).as(check.toString()).isTrue();
        assertThat(ok(send("GET", "/api/v1/cluster", Role.VIEWER, null)).path("slotsTotal").asInt()).isPositive();
        assertThat(problem(send("GET", "/api/v1/cluster/settings", Role.VIEWER, null), 403).path("detail").asText())
                .contains("needs the admin role");
        JsonNode settings = ok(send("GET", "/api/v1/cluster/settings", Role.ADMIN, null));
        assertThat(settings.path("taskmanager.numberOfTaskSlots").asInt()).isPositive();
        settings.fieldNames().forEachRemaining(key -> {
            if (key.toLowerCase().contains("password")) {
                assertThat(settings.path(key).asText()).as(key).isEqualTo("******");
            }
        });
        assertThat(ok(send("GET", "/api/v1/tables", Role.VIEWER, null)).findValuesAsText("name")).contains("orders");

        JsonNode refused = problem(send("DELETE", "/api/v1/tables/orders", Role.VIEWER, null), 403);
        assertThat(refused.path("detail").asText()).contains("needs the developer role");
        assertThat(problem(send("GET", "/api/v1/audit", Role.VIEWER, null), 403).path("detail").asText())
                .contains("needs the admin role");
        assertThat(ok(send("GET", "/api/v1/tables/orders", Role.VIEWER, null)).path("name").asText())
                .as("still there").isEqualTo("orders");
    }

    @Test
    void aDeveloperDeploysStopsRestartsAndDeletesAJobAndMistakesAreProblemsInWords() throws Exception {
        try (SqlConsole console = queries.openConsole("rest-api")) {
            RecordingListener created = new RecordingListener();
            console.run("CREATE TABLE IF NOT EXISTS rest_counts (customer_id INT, n BIGINT) WITH ('connector' = 'blackhole')",
                    created);
            created.finished.get(60, TimeUnit.SECONDS);
        }
        String sql = "INSERT INTO rest_counts SELECT customer_id, COUNT(*) FROM orders GROUP BY customer_id";

        JsonNode bad = problem(send("POST", "/api/v1/jobs", Role.DEVELOPER,
                Map.of("name", JOB, "statement", "INSERT INTO rest_counts SELECT nosuch FROM orders")), 400);
        assertThat(bad.path("detail").asText()).contains("nosuch").doesNotContain("at org.apache");
        assertThat(problem(send("POST", "/api/v1/jobs", Role.VIEWER, Map.of("name", JOB, "statement", sql)), 403)
                .path("detail").asText()).contains("needs the developer role");

        HttpResponse<String> deployed = send("POST", "/api/v1/jobs", Role.DEVELOPER, Map.of("name", JOB, "statement", sql,
                "settings", Map.of("parallelism.default", "1")));
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
        long id = JSON.readTree(deployed.body()).path("id").asLong();
        assertThat(JSON.readTree(deployed.body()).path("owner").asText()).isEqualTo("rest-developer");
        Await.until("the job to run", Duration.ofSeconds(60),
                () -> read("/api/v1/jobs/" + id).path("state").asText(), "RUNNING"::equals);
        assertThat(ok(send("GET", "/api/v1/jobs?state=running&name=REST%20API", Role.VIEWER, null)).path("items")
                .findValuesAsText("name")).containsExactly(JOB);
        JsonNode figures = Await.until("the job's operators", Duration.ofSeconds(30),
                () -> read("/api/v1/jobs/" + id + "/figures"), f -> f.path("operators").size() > 0);
        assertThat(figures.path("operators").findValuesAsText("name")).anyMatch(n -> n.contains("rest_counts"));
        assertThat(figures.path("metrics").has("recordsInPerSecond")).isTrue();
        assertThat(ok(send("GET", "/api/v1/jobs/" + id + "/failures", Role.VIEWER, null)).size()).isZero();

        JsonNode savepoint = ok(send("POST", "/api/v1/jobs/" + id + "/stop", Role.DEVELOPER, null));
        assertThat(savepoint.path("path").asText()).isNotBlank();
        assertThat(ok(send("GET", "/api/v1/jobs/" + id + "/restore-points", Role.VIEWER, null)).findValuesAsText("path"))
                .contains(savepoint.path("path").asText());
        JsonNode restarted = ok(send("POST", "/api/v1/jobs/" + id + "/restart", Role.DEVELOPER,
                Map.of("from", savepoint.path("path").asText())));
        assertThat(restarted.path("id").asLong()).isEqualTo(id);
        Await.until("the job to run again", Duration.ofSeconds(60),
                () -> read("/api/v1/jobs/" + id).path("state").asText(), "RUNNING"::equals);
        assertThat(ok(send("GET", "/api/v1/jobs/" + id + "/runs", Role.VIEWER, null)).size()).isEqualTo(2);

        assertThat(send("POST", "/api/v1/jobs/" + id + "/cancel", Role.DEVELOPER, null).statusCode()).isEqualTo(204);
        Await.until("the job to stop", Duration.ofSeconds(60),
                () -> read("/api/v1/jobs/" + id).path("state").asText(), s -> !s.equals("RUNNING"));
        Await.until("the job to be deleted", Duration.ofSeconds(30),
                () -> send("DELETE", "/api/v1/jobs/" + id, Role.DEVELOPER, null).statusCode(), s -> s == 204);
        JsonNode gone = problem(send("GET", "/api/v1/jobs/" + id, Role.VIEWER, null), 404);
        assertThat(gone.path("detail").asText()).isEqualTo("Job " + id + " does not exist (any more).");

        assertThat(audit.search("rest-developer", "Cancelling jobs", null, null, 5)).extracting(AuditEntry::outcome)
                .containsExactly(AuditEntry.Outcome.OK);
        JsonNode log = ok(send("GET", "/api/v1/audit?user=rest-developer&limit=50", Role.ADMIN, null));
        assertThat(log.path("items").findValuesAsText("action")).contains("Cancelling jobs", "Deleting jobs");
    }

    @Test
    void aStatementStreamsItsChangesPageByPageOnlyToItsUserAndStopsWhenAsked() throws Exception {
        assertThat(problem(send("POST", "/api/v1/statements", Role.VIEWER, Map.of("statement", "SELECT 1")), 403)
                .path("detail").asText()).contains("Running statements needs the developer role");
        HttpResponse<String> started = send("POST", "/api/v1/statements", Role.DEVELOPER,
                Map.of("statement", "SELECT order_id, status FROM orders"));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        long id = JSON.readTree(started.body()).path("id").asLong();

        JsonNode first = Await.until("the first changes", Duration.ofSeconds(60),
                () -> read("/api/v1/statements/" + id + "?max=2", Role.DEVELOPER), p -> p.path("changes").size() == 2);
        assertThat(first.path("state").asText()).isEqualTo("RUNNING");
        assertThat(first.path("columns").findValuesAsText("name")).containsExactly("order_id", "status");
        assertThat(first.path("changes").get(0).path("kind").asText()).isEqualTo("+I");
        long next = first.path("next").asLong();
        assertThat(next).isEqualTo(2);
        JsonNode second = Await.until("more changes", Duration.ofSeconds(60),
                () -> read("/api/v1/statements/" + id + "?from=" + next, Role.DEVELOPER), p -> p.path("changes").size() > 0);
        assertThat(second.path("changes").get(0).path("row").get(0))
                .as("the page goes on where the last ended").isNotEqualTo(first.path("changes").get(1).path("row").get(0));
        assertThat(second.path("skipped").asLong()).isZero();

        assertThat(problem(send("GET", "/api/v1/statements/" + id, Role.ADMIN, null), 404).path("detail").asText())
                .as("another user's statement is not there for them").startsWith("No statement " + id);
        assertThat(send("DELETE", "/api/v1/statements/" + id, Role.DEVELOPER, null).statusCode()).isEqualTo(204);
        problem(send("GET", "/api/v1/statements/" + id, Role.DEVELOPER, null), 404);

        long failing = JSON.readTree(send("POST", "/api/v1/statements", Role.DEVELOPER,
                Map.of("statement", "SELECT nosuch FROM orders")).body()).path("id").asLong();
        JsonNode failed = Await.until("the statement to fail", Duration.ofSeconds(30),
                () -> read("/api/v1/statements/" + failing, Role.DEVELOPER), p -> p.path("state").asText().equals("FAILED"));
        assertThat(failed.path("error").path("detail").asText()).contains("nosuch");
        assertThat(failed.path("error").path("column").asInt()).isEqualTo(8);
        assertThat(failed.toString()).doesNotContain("\\tat ").doesNotContain("org.apache.calcite");
    }

    @Test
    void anAdminManagesUsersAndEveryoneSeesOnlyTheirOwnTokens() throws Exception {
        assertThat(problem(send("GET", "/api/v1/users", Role.DEVELOPER, null), 403).path("detail").asText())
                .contains("needs the admin role");
        HttpResponse<String> added = send("POST", "/api/v1/users", Role.ADMIN,
                Map.of("username", "rest-newcomer", "password", "a long first password", "role", "VIEWER"));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(JSON.readTree(added.body()).path("role").asText()).isEqualTo("VIEWER");
        assertThat(added.body()).doesNotContain("a long first password").doesNotContain("$2a$");
        JsonNode changed = ok(send("PUT", "/api/v1/users/rest-newcomer", Role.ADMIN, Map.of("role", "DEVELOPER",
                "enabled", false)));
        assertThat(changed.path("role").asText()).isEqualTo("DEVELOPER");
        assertThat(changed.path("enabled").asBoolean()).isFalse();
        assertThat(problem(send("POST", "/api/v1/users", Role.ADMIN, Map.of("username", "rest-short", "password", "short",
                "role", "VIEWER")), 400).path("detail").asText()).containsIgnoringCase("password");

        JsonNode mine = ok(send("GET", "/api/v1/tokens", Role.VIEWER, null));
        assertThat(mine.findValuesAsText("username")).containsOnly("rest-viewer");
        long adminsToken = ok(send("GET", "/api/v1/tokens", Role.ADMIN, null)).get(0).path("id").asLong();
        assertThat(problem(send("DELETE", "/api/v1/tokens/" + adminsToken, Role.VIEWER, null), 400).path("detail").asText())
                .as("another user's token is not there for a viewer").startsWith("No such token");
        assertThat(send("GET", "/api/v1/jobs", Role.ADMIN, null).statusCode()).as("the admin's token still works").isEqualTo(200);
    }

    @Test
    void aDeveloperInfersATableFromPostgresCreatesItFromTheDraftAndDropsIt() throws Exception {
        JsonNode shape = ok(send("POST", "/api/v1/tables/infer/postgres", Role.DEVELOPER,
                Map.of("integration", "sample-postgres", "table", "public.products")));
        assertThat(shape.path("columns").findValuesAsText("name")).contains("id", "name", "price");
        assertThat(shape.path("primaryKey").toString()).isEqualTo("[\"id\"]");
        Map<String, Object> draft = new java.util.LinkedHashMap<>();
        draft.put("name", "rest_products");
        draft.put("integration", "sample-postgres");
        draft.put("connector", "JDBC");
        draft.put("source", "public.products");
        draft.put("columns", JSON.convertValue(shape.path("columns"), List.class));
        draft.put("primaryKey", JSON.convertValue(shape.path("primaryKey"), List.class));
        draft.put("options", Map.of());
        draft.put("comment", "made over the REST API");
        assertThat(ok(send("POST", "/api/v1/tables/ddl", Role.VIEWER, draft)).path("ddl").asText())
                .startsWith("CREATE TABLE `rest_products`");
        assertThat(problem(send("POST", "/api/v1/tables", Role.VIEWER, draft), 403).path("detail").asText())
                .contains("needs the developer role");
        HttpResponse<String> created = send("POST", "/api/v1/tables", Role.DEVELOPER, draft);
        try {
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(JSON.readTree(created.body()).path("source").asText()).isEqualTo("products");
            assertThat(ok(send("GET", "/api/v1/tables/rest_products/draft", Role.VIEWER, null)).path("comment").asText())
                    .isEqualTo("made over the REST API");
            assertThat(problem(send("POST", "/api/v1/tables", Role.DEVELOPER, draft), 400).path("detail").asText())
                    .contains("exists already");
        } finally {
            assertThat(send("DELETE", "/api/v1/tables/rest_products", Role.DEVELOPER, null).statusCode()).isEqualTo(204);
        }
        problem(send("GET", "/api/v1/tables/rest_products", Role.VIEWER, null), 404);
    }

    @Test
    void malformedRequestsAndUnknownRoutesAreProblemsNotStackTraces() throws Exception {
        HttpResponse<String> notJson = http.send(HttpRequest.newBuilder(uri("/api/v1/jobs"))
                .header("Authorization", "Bearer " + TOKENS.get(Role.DEVELOPER)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(problem(notJson, 400).path("detail").asText()).contains("not the JSON this route takes");
        assertThat(problem(send("GET", "/api/v1/jobs/abc", Role.VIEWER, null), 400).path("detail").asText())
                .contains("'abc' is not a valid id");
        assertThat(problem(send("GET", "/api/v1/jobs?limit=100000", Role.VIEWER, null), 400).path("detail").asText())
                .contains("limit must be between 1 and 500");
        assertThat(problem(send("GET", "/api/v1/nothing-here", Role.VIEWER, null), 404).path("detail").asText())
                .contains("/swagger-ui.html");
        assertThat(problem(send("GET", "/api/v1/integrations/nosuch", Role.VIEWER, null), 404).path("detail").asText())
                .isEqualTo("No integration named nosuch");
    }

    private JsonNode read(String path) {
        return read(path, Role.VIEWER);
    }

    @Test
    void alertRulesChannelsAndSilencesAreManagedByAdminsAndReadByEveryone() throws Exception {
        try (dev.eddy.support.WebhookReceiver hook = new dev.eddy.support.WebhookReceiver()) {
            JsonNode channel = ok(send("PUT", "/api/v1/alerts/channels/api-hook", Role.ADMIN,
                    Map.of("kind", "WEBHOOK", "secret", hook.url())));
            assertThat(channel.path("secretSet").asBoolean()).isTrue();
            assertThat(channel.toString()).doesNotContain("secret-token");
            JsonNode delivered = ok(send("POST", "/api/v1/alerts/channels/api-hook/test", Role.ADMIN, null));
            assertThat(delivered.path("ok").asBoolean()).as(delivered.toString()).isTrue();
            assertThat(hook.bodies()).hasSize(1);

            JsonNode rule = ok(send("PUT", "/api/v1/alerts/rules/api-lag", Role.ADMIN, Map.of("condition", "SOURCE_LAG",
                    "threshold", 1000, "holdFor", "PT5M", "severity", "WARNING", "channels", List.of("api-hook"))));
            assertThat(rule.path("when").asText()).isEqualTo("more than 1,000 records behind for 5 min");
            assertThat(read("/api/v1/alerts/rules", Role.VIEWER).toString()).contains("\"name\":\"api-lag\"");
            problem(send("PUT", "/api/v1/alerts/rules/api-lag", Role.DEVELOPER, Map.of("condition", "SOURCE_LAG")), 403);
            assertThat(problem(send("PUT", "/api/v1/alerts/rules/api-bad", Role.ADMIN, Map.of("condition", "RESTARTS",
                    "threshold", -1, "severity", "INFO", "channels", List.of("api-hook"))), 400).path("detail").asText())
                    .isEqualTo("Set the threshold to 0 or more (restarts).");
            problem(send("GET", "/api/v1/alerts/channels", Role.VIEWER, null), 403);

            ok(send("POST", "/api/v1/alerts/silences", Role.ADMIN, Map.of("rule", "api-lag", "duration", "PT1H",
                    "reason", "api test")));
            JsonNode silence = java.util.stream.StreamSupport.stream(read("/api/v1/alerts/silences", Role.VIEWER).spliterator(), false)
                    .filter(x -> x.path("reason").asText().equals("api test")).findFirst().orElseThrow();
            assertThat(silence.path("ruleName").asText()).isEqualTo("api-lag");
            assertThat(send("DELETE", "/api/v1/alerts/silences/" + silence.path("id").asLong(), Role.ADMIN, null).statusCode())
                    .isEqualTo(204);
            assertThat(read("/api/v1/alerts", Role.VIEWER).isArray()).isTrue();
            assertThat(send("DELETE", "/api/v1/alerts/rules/api-lag", Role.ADMIN, null).statusCode()).isEqualTo(204);
            assertThat(send("DELETE", "/api/v1/alerts/channels/api-hook", Role.ADMIN, null).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void metricsExportIsReadByEveryoneAndChangedByAdmins() throws Exception {
        problem(send("GET", "/api/v1/integrations/sample-postgres/metrics-export", Role.VIEWER, null), 404);
        problem(send("PUT", "/api/v1/integrations/sample-postgres/metrics-export", Role.DEVELOPER,
                Map.of("table", "eddy_metrics")), 403);
        assertThat(problem(send("PUT", "/api/v1/integrations/sample-postgres/metrics-export", Role.ADMIN,
                Map.of("table", "bad name")), 400).path("detail").asText()).startsWith("A table name is letters, digits and _");
    }

    @Test
    void aFunctionLibraryIsUploadedAsTheBodyByAnAdminAndReadByEveryone() throws Exception {
        String name = "api-strings-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] jar = dev.eddy.support.UdfJar.version1();
        problem(upload(name, Role.DEVELOPER, jar), 403);
        HttpResponse<String> created = upload(name, Role.ADMIN, jar);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("functions").findValuesAsText("className"))
                .contains("dev.eddy.udf.Shout");
        assertThat(problem(upload(name, Role.ADMIN, jar), 400).path("detail").asText()).contains("is the same JAR as version 1");
        assertThat(problem(upload(name, Role.ADMIN, "plain text".getBytes()), 400).path("detail").asText())
                .startsWith("That file is not a JAR");
        JsonNode versions = read("/api/v1/function-libraries/" + name, Role.VIEWER);
        assertThat(versions.get(0).path("version").asInt()).isEqualTo(1);
        assertThat(versions.get(0).has("jar")).as("the bytes stay in the store").isFalse();
        assertThat(read("/api/v1/function-libraries", Role.VIEWER).findValuesAsText("library")).contains(name);

        String function = "api_shout_" + name.substring(name.length() - 8);
        Map<String, String> registration = Map.of("library", name, "className", "dev.eddy.udf.Shout");
        problem(send("PUT", "/api/v1/functions/" + function, Role.DEVELOPER, registration), 403);
        assertThat(problem(send("PUT", "/api/v1/functions/" + function, Role.ADMIN, Map.of("library", name,
                "className", "dev.eddy.udf.Texts")), 400).path("detail").asText()).contains("has no function class");
        HttpResponse<String> registered = send("PUT", "/api/v1/functions/" + function, Role.ADMIN, registration);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(JSON.readTree(registered.body()).path("signatures").get(0).asText()).isEqualTo("(STRING) → STRING");
        assertThat(read("/api/v1/functions", Role.VIEWER).findValuesAsText("name")).contains(function);
        assertThat(problem(send("DELETE", "/api/v1/function-libraries/" + name, Role.ADMIN, null), 400)
                .path("detail").asText()).contains("drop them first");
        problem(send("DELETE", "/api/v1/functions/" + function, Role.DEVELOPER, null), 403);
        assertThat(send("DELETE", "/api/v1/functions/" + function, Role.ADMIN, null).statusCode()).isEqualTo(204);
        problem(send("DELETE", "/api/v1/functions/" + function, Role.ADMIN, null), 404);

        problem(send("DELETE", "/api/v1/function-libraries/" + name, Role.DEVELOPER, null), 403);
        assertThat(send("DELETE", "/api/v1/function-libraries/" + name, Role.ADMIN, null).statusCode()).isEqualTo(204);
        problem(send("GET", "/api/v1/function-libraries/" + name, Role.VIEWER, null), 404);
    }

    private HttpResponse<String> upload(String library, Role role, byte[] jar) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/function-libraries/" + library + "?file=strings.jar"))
                .header("Authorization", "Bearer " + TOKENS.get(role)).header("Content-Type", "application/java-archive")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(jar)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode read(String path, Role role) {
        try {
            return ok(send("GET", path, role, null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(String method, String path, Role role, Object body) {
        return send(method, path, TOKENS.get(role), body);
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(2))
                    .header("Authorization", "Bearer " + token);
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return JSON.readTree(r.body());
    }

    private static JsonNode problem(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/problem+json"));
        assertThat(r.body()).doesNotContain("\tat ").doesNotContain("Exception:");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        return problem;
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
