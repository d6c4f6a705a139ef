package dev.eddy.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TEST DOUBLE of a Confluent schema registry: only the two calls Flink's avro-confluent format
 * makes (register a subject's schema, fetch a schema by id), kept in memory. No real registry
 * (Confluent's, Karapace, Apicurio) can be built from what this build may download; users bring
 * their own. It proves Eddy wires the integration's registry URL into tables, not the registry.
 */
final class SchemaRegistryDouble implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)");
    private final HttpServer server;
    private final List<String> schemas = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> subjects = new ConcurrentHashMap<>();

    SchemaRegistryDouble() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The subjects registered so far (e.g. {@code orders-value}). */
    Map<String, Integer> subjects() {
        return subjects;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Matcher register = REGISTER.matcher(path);
        Matcher byId = BY_ID.matcher(path);
        if ("POST".equals(exchange.getRequestMethod()) && register.matches()) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            String schema = body.get("schema").asText();
            int id = schemas.indexOf(schema) + 1;
            if (id == 0) {
                schemas.add(schema);
                id = schemas.size();
            }
            subjects.put(register.group(1), id);
            reply(exchange, 200, JSON.writeValueAsString(Map.of("id", id)));
        } else if ("GET".equals(exchange.getRequestMethod()) && byId.matches()
                && Integer.parseInt(byId.group(1)) <= schemas.size()) {
            reply(exchange, 200, JSON.writeValueAsString(Map.of("schema",
                    schemas.get(Integer.parseInt(byId.group(1)) - 1))));
        } else {
            reply(exchange, 404, "{\"error_code\":40403,\"message\":\"Not found\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
