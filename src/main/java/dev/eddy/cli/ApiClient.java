package dev.eddy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The command line's HTTP client of Eddy's REST API: bearer token, JSON, problems told in their words. */
final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private final String base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ApiClient(String base, String token) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
    }

    JsonNode get(String path) {
        return json(send(request(path).GET()));
    }

    String getText(String path) {
        return send(request(path).GET());
    }

    JsonNode post(String path, Object body) {
        try {
            return json(send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CliException("Could not write the request: " + e.getOriginalMessage());
        }
    }

    void delete(String path) {
        send(request(path).DELETE());
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json, application/yaml, */*");
    }

    private String send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliException("Cannot reach Eddy at " + base + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "). Is it running? Check the address "
                    + "given to eddy login, or EDDY_URL.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
        if (response.statusCode() == 401) {
            throw new CliException("Eddy did not accept the token: it is wrong, revoked or expired. Create one in the "
                    + "console (your name, API tokens) and run eddy login again.");
        }
        if (response.statusCode() >= 400) {
            String detail = response.body();
            try {
                JsonNode problem = JSON.readTree(detail);
                detail = problem.path("detail").asText(detail);
            } catch (IOException notJson) {
                // Not a problem document: its text is what there is.
            }
            throw new CliException(detail == null || detail.isBlank() ? "Eddy answered " + response.statusCode() : detail);
        }
        return response.body();
    }

    private static JsonNode json(String body) {
        try {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new CliException("Eddy answered something that is not JSON: is " + "the address Eddy's?");
        }
    }
}
