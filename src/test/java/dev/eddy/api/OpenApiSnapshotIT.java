package dev.eddy.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.support.EddyIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The REST API's description, as served, against the one kept in the repository: a route, a field
 * or a type that changes by accident fails the build. A change made on purpose is recorded with
 * {@code -Deddy.openapi.update=true} and reviewed in the diff.
 */
@EddyIntegrationTest
class OpenApiSnapshotIT {
    private static final Path SNAPSHOT = Path.of("src/test/resources/openapi/eddy-v1.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @LocalServerPort
    int port;

    @Test
    void theApiIsDescribedAsRecordedAndTheDescriptionNeedsNoSignIn() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/v3/api-docs")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.headers().map() + " " + r.body()).isEqualTo(200);
        JsonNode served = JSON.readTree(r.body());
        // The server's address changes with every run; the routes and shapes do not.
        ((ObjectNode) served).remove("servers");
        String described = JSON.writeValueAsString(JSON.treeToValue(served, Object.class)) + "\n";
        assertThat(served.path("paths").has("/api/v1/jobs/{id}/stop")).isTrue();
        assertThat(described).as("only the v1 REST API is described, not the SQL Gateway proxy")
                .doesNotContain("/sql-gateway");
        HttpResponse<String> page = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/swagger-ui.html")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as("the browsable page").isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        if (Boolean.getBoolean("eddy.openapi.update")) {
            Files.writeString(SNAPSHOT, described, StandardCharsets.UTF_8);
        }
        assertThat(SNAPSHOT).as("no recorded description: record it with -Deddy.openapi.update=true").exists();
        assertThat(described).as("the REST API changed: if on purpose, run with -Deddy.openapi.update=true and commit "
                + SNAPSHOT).isEqualTo(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
    }
}
