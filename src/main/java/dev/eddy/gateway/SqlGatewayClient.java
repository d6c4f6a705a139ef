package dev.eddy.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Speaks the Flink SQL Gateway REST API: version negotiation, sessions, statements, result paging,
 * cancellation and completion. Every failure leaves as a readable {@link GatewayException}.
 */
public class SqlGatewayClient {
    /** Newest first; v2 brought JSON rows and completion, v4 is what Flink 2.x speaks. */
    private static final List<String> KNOWN_VERSIONS = List.of("v4", "v3", "v2");

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json;
    private volatile String version;

    public SqlGatewayClient(String baseUrl, Duration timeout, ObjectMapper json) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The newest API version both sides speak, asked once per client. */
    public String apiVersion() {
        String v = version;
        if (v == null) {
            JsonNode versions = send("GET", "/api_versions", null).path("versions");
            List<String> offered = new ArrayList<>();
            versions.forEach(n -> offered.add(n.asText().toLowerCase()));
            v = KNOWN_VERSIONS.stream().filter(offered::contains).findFirst().orElseThrow(() ->
                    new GatewayException(GatewayException.Kind.PROTOCOL,
                            "The SQL Gateway at " + baseUrl + " speaks REST API versions " + offered
                                    + ", none of which Eddy knows (" + KNOWN_VERSIONS + ")",
                            null, versions.toString(), null, null, "Use Flink 1.17 or newer."));
            version = v;
        }
        return v;
    }

    /** Opens a session with the given properties; returns its handle. */
    public String openSession(String name, Map<String, String> properties) {
        ObjectNode body = json.createObjectNode();
        body.put("sessionName", name);
        body.set("properties", json.valueToTree(properties));
        return send("POST", path("/sessions"), body).path("sessionHandle").asText();
    }

    public void closeSession(String sessionHandle) {
        send("DELETE", path("/sessions/" + sessionHandle), null);
    }

    /** Keeps a session from expiring on the gateway's idle timeout. */
    public void heartbeat(String sessionHandle) {
        send("POST", path("/sessions/" + sessionHandle + "/heartbeat"), json.createObjectNode());
    }

    /** The session's effective configuration. */
    public Map<String, String> sessionConfig(String sessionHandle) {
        JsonNode props = send("GET", path("/sessions/" + sessionHandle), null).path("properties");
        return json.convertValue(props, json.getTypeFactory().constructMapType(Map.class, String.class, String.class));
    }

    /** Submits a statement; it runs in the background until its results are fetched or it is closed. */
    public OperationHandle execute(String sessionHandle, String statement, Map<String, String> executionConfig) {
        ObjectNode body = json.createObjectNode();
        body.put("statement", statement);
        if (!executionConfig.isEmpty()) {
            body.set("executionConfig", json.valueToTree(executionConfig));
        }
        String op = send("POST", path("/sessions/" + sessionHandle + "/statements"), body)
                .path("operationHandle").asText();
        return new OperationHandle(sessionHandle, op);
    }

    /** The first page of an operation's result. */
    public ResultPage firstPage(OperationHandle op) {
        return fetch(path("/sessions/" + op.sessionHandle() + "/operations/" + op.operationHandle()
                + "/result/0?rowFormat=JSON"));
    }

    /** The page at a {@code nextResultUri} the previous page gave. */
    public ResultPage fetch(String resultUri) {
        return parsePage(send("GET", resultUri, null));
    }

    public String status(OperationHandle op) {
        return send("GET", operationPath(op, "/status"), null).path("status").asText();
    }

    /** Cancels a running operation; the gateway cancels the Flink job behind it. */
    public void cancel(OperationHandle op) {
        send("POST", operationPath(op, "/cancel"), json.createObjectNode());
    }

    /** Closes an operation and frees its results. */
    public void close(OperationHandle op) {
        send("DELETE", operationPath(op, "/close"), null);
    }

    /** The gateway's own completion candidates at a position in a statement. */
    public List<String> complete(String sessionHandle, String statement, int position) {
        ObjectNode body = json.createObjectNode();
        body.put("statement", statement);
        body.put("position", position);
        // The endpoint is a GET with a JSON body, as Flink defines it.
        JsonNode candidates = send("GET", path("/sessions/" + sessionHandle + "/complete-statement"), body)
                .path("candidates");
        List<String> result = new ArrayList<>();
        candidates.forEach(c -> result.add(c.asText()));
        return result;
    }

    private String operationPath(OperationHandle op, String suffix) {
        return path("/sessions/" + op.sessionHandle() + "/operations/" + op.operationHandle() + suffix);
    }

    private String path(String suffix) {
        return "/" + apiVersion() + suffix;
    }

    private ResultPage parsePage(JsonNode page) {
        ResultType type = ResultType.valueOf(page.path("resultType").asText("NOT_READY"));
        JsonNode results = page.path("results");
        List<ResultColumn> columns = new ArrayList<>();
        List<Integer> scales = new ArrayList<>();
        for (JsonNode c : results.path("columns")) {
            JsonNode t = c.path("logicalType");
            columns.add(new ResultColumn(c.path("name").asText(), LogicalTypes.render(t), t.path("nullable").asBoolean(true)));
            scales.add("DECIMAL".equals(t.path("type").asText()) ? t.path("scale").asInt(0) : -1);
        }
        List<ResultRow> rows = new ArrayList<>();
        for (JsonNode r : results.path("data")) {
            List<Object> fields = new ArrayList<>();
            for (JsonNode f : r.path("fields")) {
                Object value = toJava(f);
                int scale = fields.size() < scales.size() ? scales.get(fields.size()) : -1;
                // JSON drops trailing zeros (24.90 arrives as 24.9): give decimals back their declared scale.
                if (scale >= 0 && f.isNumber()) {
                    value = f.decimalValue().setScale(scale, java.math.RoundingMode.HALF_UP);
                }
                fields.add(value);
            }
            rows.add(new ResultRow(ResultRow.RowKind.valueOf(r.path("kind").asText("INSERT")), fields));
        }
        Optional<String> next = page.hasNonNull("nextResultUri")
                ? Optional.of(page.get("nextResultUri").asText()) : Optional.empty();
        Optional<String> jobId = page.hasNonNull("jobID") ? Optional.of(page.get("jobID").asText()) : Optional.empty();
        return new ResultPage(type, page.path("isQueryResult").asBoolean(false), jobId,
                page.path("resultKind").asText(""), columns, rows, next);
    }

    private Object toJava(JsonNode f) {
        if (f == null || f.isNull()) {
            return null;
        }
        if (f.isTextual()) {
            return f.asText();
        }
        if (f.isBoolean()) {
            return f.asBoolean();
        }
        if (f.isIntegralNumber()) {
            return f.bigIntegerValue().bitLength() < 64 ? (Object) f.asLong() : f.bigIntegerValue();
        }
        if (f.isNumber()) {
            return f.decimalValue();
        }
        // ROW, ARRAY and MAP values stay JSON trees: the grid shows them compact and expands them on demand.
        return f;
    }

    private JsonNode send(String method, String pathAndQuery, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw GatewayErrors.fromIo(baseUrl, e, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException(GatewayException.Kind.TIMEOUT, "Interrupted while waiting for the SQL Gateway",
                    null, e.toString(), null, null, null);
        }
        if (response.statusCode() >= 400) {
            throw GatewayErrors.fromResponse(response.statusCode(), response.body());
        }
        try {
            String text = response.body();
            return text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
        } catch (IOException e) {
            throw new GatewayException(GatewayException.Kind.PROTOCOL,
                    "The SQL Gateway at " + baseUrl + " sent an answer Eddy cannot read", e.getMessage(),
                    response.body(), null, null, "Check that eddy.flink.gateway-url points at a Flink SQL Gateway.");
        }
    }
}
