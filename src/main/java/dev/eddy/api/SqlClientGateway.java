package dev.eddy.api;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.config.Endpoints;
import dev.eddy.gateway.GatewayErrors;
import dev.eddy.security.Actor;
import dev.eddy.security.AuditEntry;
import dev.eddy.security.AuditLog;
import dev.eddy.security.CurrentUser;
import dev.eddy.security.Redaction;
import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import dev.eddy.security.SqlPolicy;
import dev.eddy.security.WriteTrust;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Flink's SQL Gateway REST API served behind Eddy's own sign-in, for Flink's SQL Client and other
 * gateway clients: each call acts as the user of its API token, statements pass the same SQL
 * policy and audit as the console, and a session is only ever reached by the user who opened it.
 * The gateway itself stays on loopback.
 */
@Service
public class SqlClientGateway {
    private static final Pattern ROUTE = Pattern.compile(
            "^(/v\\d{1,2})?(/api_versions|/info|/sessions(/[0-9a-fA-F-]{36}(/heartbeat|/configure-session|/statements"
                    + "|/complete-statement|/operations/[0-9a-fA-F-]{36}(/status|/cancel|/close|/result/\\d{1,19}))?)?)$");
    private static final Duration CALL_LIMIT = Duration.ofSeconds(60);
    private final Endpoints endpoints;
    private final SqlPolicy policy;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Which user opened each session through here; sessions Eddy's console opened are not in it. */
    private final Map<String, String> owners = new ConcurrentHashMap<>();

    public SqlClientGateway(Endpoints endpoints, SqlPolicy policy, AuditLog audit, ObjectMapper json) {
        this.endpoints = endpoints;
        this.policy = policy;
        this.audit = audit;
        this.json = json;
    }

    /** What the gateway (or Eddy, refusing) answered. */
    public record Answer(int status, byte[] body) {
        static Answer error(int status, String message) {
            String quoted = new String(JsonStringEncoder.getInstance().quoteAsString(message));
            return new Answer(status, ("{\"errors\":[\"" + quoted + "\"]}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /**
     * Forwards one gateway REST call as the acting user. {@code path} is what follows Eddy's
     * {@code /sql-gateway} prefix, such as {@code /v3/sessions/…/statements}.
     */
    @Requires(value = Role.DEVELOPER, action = "Using Flink's SQL Client through Eddy", audited = false)
    public Answer forward(String method, String path, String query, byte[] body) {
        Matcher route = ROUTE.matcher(path == null ? "" : path);
        if (!route.matches() || (query != null && !query.matches("^[A-Za-z0-9_=&%.-]{0,200}$"))) {
            return Answer.error(404, "Eddy serves the SQL Gateway's session and statement routes here; " + path
                    + " is not one of them.");
        }
        Actor actor = CurrentUser.get().orElseThrow();
        String session = route.group(3) == null ? null : route.group(3).substring(1, 37);
        if (session != null && !actor.name().equalsIgnoreCase(owners.get(session))) {
            return Answer.error(404, "No session " + session + " of yours: open one through Eddy (sessions are "
                    + "not shared between users).");
        }
        try {
            String rest = route.group(2);
            byte[] sent = body;
            if ("POST".equals(method) && rest.equals("/sessions")) {
                sent = openSession(actor, body);
            } else if ("POST".equals(method) && (rest.endsWith("/statements") || rest.endsWith("/configure-session"))) {
                sent = statement(body);
            }
            Answer answer = send(method, path, query, sent);
            if (answer.status() == 200 && "POST".equals(method) && rest.equals("/sessions")) {
                owners.put(json.readTree(answer.body()).path("sessionHandle").asText(), actor.name());
            } else if (session != null && "DELETE".equals(method) && rest.equals("/sessions/" + session)) {
                owners.remove(session);
            }
            return answer;
        } catch (dev.eddy.security.AccessRefusedException e) {
            return Answer.error(403, e.getMessage());
        } catch (IOException e) {
            return Answer.error(400, "Eddy could not read the request: " + e.getMessage());
        }
    }

    /** Developers' sessions keep only the settings they may change; the client's own defaults are dropped. */
    private byte[] openSession(Actor actor, byte[] body) throws IOException {
        ObjectNode request = object(body);
        if (!actor.may(Role.ADMIN) && request.get("properties") instanceof ObjectNode properties) {
            for (Iterator<String> keys = properties.fieldNames(); keys.hasNext(); ) {
                if (policy.settingsRefusal(actor, Map.of(keys.next(), "")).isPresent()) {
                    keys.remove();
                }
            }
        }
        return json.writeValueAsBytes(request);
    }

    /** The statement passes the SQL policy, its settings too, and runs with the user's write trust. */
    private byte[] statement(byte[] body) throws IOException {
        ObjectNode request = object(body);
        String statement = request.path("statement").asText("");
        policy.require(statement);
        Map<String, String> config = new LinkedHashMap<>();
        if (request.get("executionConfig") instanceof ObjectNode given) {
            given.fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        }
        policy.requireSettings(config);
        config.keySet().removeIf(k -> k.startsWith("eddy."));
        config.putAll(WriteTrust.options());
        request.set("executionConfig", json.valueToTree(config));
        audit.record("Ran statement (SQL Client)", abbreviate(Redaction.sql(statement)), AuditEntry.Outcome.OK, null);
        return json.writeValueAsBytes(request);
    }

    private Answer send(String method, String path, String query, byte[] body) throws IOException {
        String target = endpoints.gatewayUrl().replaceAll("/+$", "") + path + (query == null || query.isEmpty() ? "" : "?" + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).timeout(CALL_LIMIT)
                .header("Content-Type", "application/json");
        request.method(method, body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 400) {
                // The gateway answers errors with server stack traces: the client gets the console's words instead.
                return Answer.error(response.statusCode(), GatewayErrors.fromResponse(response.statusCode(),
                        new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)).describe());
            }
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.error(503, "Eddy was interrupted while waiting for the Flink SQL Gateway.");
        } catch (IOException e) {
            return Answer.error(502, "The Flink SQL Gateway behind Eddy does not answer (" + e.getClass().getSimpleName()
                    + "). Look at Eddy's Cluster page, or try again in a moment.");
        }
    }

    private ObjectNode object(byte[] body) throws IOException {
        JsonNode node = body == null || body.length == 0 ? json.createObjectNode() : json.readTree(body);
        if (!(node instanceof ObjectNode object)) {
            throw new IOException("the body is not a JSON object");
        }
        return object;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 299) + "…";
    }
}
