package dev.eddy.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads writer schemas from a Confluent-compatible schema registry by id, the call Flink's
 * avro-confluent format itself makes ({@code GET /schemas/ids/{id}}).
 */
final class SchemaRegistry {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SchemaRegistry() {}

    /** The schema (Avro JSON) registered under {@code id}; IntegrationException in words when it cannot be had. */
    static String schemaById(String registryUrl, int id) {
        URI uri = URI.create(registryUrl.replaceAll("/+$", "") + "/schemas/ids/" + id);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Accept", "application/vnd.schemaregistry.v1+json, application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                throw new IntegrationException("The schema registry at " + registryUrl + " has no schema with id " + id
                        + ": is it the registry the topic's producers use?");
            }
            if (response.statusCode() != 200) {
                throw new IntegrationException("The schema registry at " + registryUrl + " answered HTTP "
                        + response.statusCode() + " for schema " + id + ": " + abbreviate(response.body()));
            }
            JsonNode schema = JSON.readTree(response.body()).get("schema");
            if (schema == null || !schema.isTextual()) {
                throw new IntegrationException("The schema registry at " + registryUrl + " answered without a schema "
                        + "for id " + id + ": " + abbreviate(response.body()));
            }
            return schema.asText();
        } catch (IOException e) {
            throw new IntegrationException("The schema registry at " + registryUrl + " cannot be reached: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException("Interrupted while reading schema " + id + " from " + registryUrl);
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
