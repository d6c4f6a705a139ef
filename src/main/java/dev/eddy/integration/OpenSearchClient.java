package dev.eddy.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Talks to an OpenSearch node or cluster over its REST API as an integration's user: what it is,
 * and bulk writes. Every failure comes back as an {@link IntegrationException} in words.
 */
public final class OpenSearchClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI base;
    private final String user;
    private final String authorization;

    OpenSearchClient(URI base, String user, String password) {
        this.base = base;
        this.user = user == null ? "" : user;
        this.authorization = this.user.isBlank() ? null : "Basic " + Base64.getEncoder().encodeToString(
                (this.user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
    }

    /** What the bulk request did: records written, records refused (a mapping conflict, say) and why the first was. */
    public record BulkOutcome(int written, int refused, String firstRefusal) {}

    /** The cluster's name and version, "cluster eddy-logs, OpenSearch 2.19.1". */
    public String describe() {
        JsonNode root = send(HttpRequest.newBuilder(URI.create(base + "/")).GET(), "reading what it is");
        String distribution = root.path("version").path("distribution").asText("");
        return "cluster " + root.path("cluster_name").asText("?") + ", "
                + (distribution.isEmpty() ? "Elasticsearch-compatible" : distribution.equals("opensearch") ? "OpenSearch" : distribution)
                + " " + root.path("version").path("number").asText("?");
    }

    /** Sends a {@code _bulk} body (newline-delimited JSON, ending with a newline). */
    public BulkOutcome bulk(String ndjson) {
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(base + "/_bulk"))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson, StandardCharsets.UTF_8)), "writing log records");
        int written = 0;
        int refused = 0;
        String first = null;
        for (JsonNode item : answer.path("items")) {
            JsonNode result = item.elements().hasNext() ? item.elements().next() : item;
            if (result.has("error")) {
                refused++;
                if (first == null) {
                    JsonNode error = result.path("error");
                    // Without the document's id, which differs each time: the same refusal reads the same.
                    first = error.path("type").asText("error") + ": " + error.path("reason").asText("")
                            .replaceAll(" in document with id '[^']*'", "");
                }
            } else {
                written++;
            }
        }
        return new BulkOutcome(written, refused, first);
    }

    private JsonNode send(HttpRequest.Builder request, String doing) {
        request.timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException("Interrupted while " + doing);
        } catch (HttpConnectTimeoutException e) {
            throw new IntegrationException("No answer from OpenSearch at " + where() + " within 5 s (the host is down, or "
                    + "a firewall drops the connection)");
        } catch (HttpTimeoutException e) {
            throw new IntegrationException("OpenSearch at " + where() + " took longer than 30 s " + doing);
        } catch (ConnectException e) {
            throw new IntegrationException("Nothing listens at " + where() + " (connection refused): is OpenSearch running there?");
        } catch (javax.net.ssl.SSLException e) {
            throw new IntegrationException("TLS with " + where() + " failed (" + e.getMessage() + "): check https:// against "
                    + "http:// and that the JVM trusts the server's certificate");
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IntegrationException("OpenSearch at " + where() + " could not be reached: " + m);
        }
        int status = response.statusCode();
        if (status == 401) {
            throw new IntegrationException(user.isBlank() ? "OpenSearch at " + where() + " asks for a user name and password"
                    : "OpenSearch refused the user name or password of " + user);
        }
        if (status == 403) {
            throw new IntegrationException("OpenSearch let " + user + " in but refused " + doing + ": give the user the "
                    + "right to create and write the log indices (" + reason(response.body()) + ")");
        }
        if (status == 429) {
            throw new IntegrationException("OpenSearch is too busy to take more now (429 Too Many Requests); Eddy tries again");
        }
        if (status / 100 != 2) {
            throw new IntegrationException("OpenSearch at " + where() + " answered " + status + " " + doing + ": "
                    + reason(response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IntegrationException(where() + " answered something other than OpenSearch's JSON: is it OpenSearch?");
        }
    }

    private String where() {
        return base.getHost() + ":" + (base.getPort() > 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80);
    }

    /** OpenSearch's own reason, or the start of the body. */
    private static String reason(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            String reason = error.isTextual() ? error.asText() : error.path("reason").asText("");
            if (!reason.isBlank()) {
                return reason;
            }
        } catch (IOException | RuntimeException e) {
            // Not JSON: the body's start says it.
        }
        String b = body == null ? "" : body.strip();
        return b.isEmpty() ? "no reason given" : b.length() > 200 ? b.substring(0, 200) + "…" : b;
    }
}
