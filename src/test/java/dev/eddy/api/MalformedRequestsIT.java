package dev.eddy.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.security.ApiTokenService;
import dev.eddy.security.Role;
import dev.eddy.support.EddyIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * 200 malformed HTTP requests at Eddy's routes (API, console, login, static resources, raw bytes that
 * are not HTTP): none answers 500 or shows a stack trace or a Java exception's name, and every
 * refusal of the API says in words what was wrong. Generated from a fixed seed, so a failure repeats.
 */
@EddyIntegrationTest
class MalformedRequestsIT {
    private static final Pattern TRACE = Pattern.compile(
            "\\tat |\\bat [a-z]+(\\.[a-z0-9_]+)+\\.[A-Z]\\w*\\(|\\b(java|javax|jakarta|org|com|dev)\\.[a-z0-9_.]+\\.[A-Z]\\w*(Exception|Error)\\b");
    private static final List<String> ROUTES = List.of(
            "/api/v1/audit", "/api/v1/cluster", "/api/v1/cluster/jobs", "/api/v1/cluster/settings",
            "/api/v1/integrations", "/api/v1/integrations/{x}", "/api/v1/integrations/{x}/developer-access",
            "/api/v1/integrations/{x}/metadata", "/api/v1/integrations/{x}/test", "/api/v1/jobs", "/api/v1/jobs/plan",
            "/api/v1/jobs/{x}", "/api/v1/jobs/{x}/cancel", "/api/v1/jobs/{x}/failures", "/api/v1/jobs/{x}/figures",
            "/api/v1/jobs/{x}/redeploy", "/api/v1/jobs/{x}/restart", "/api/v1/jobs/{x}/restore-points",
            "/api/v1/jobs/{x}/runs", "/api/v1/jobs/{x}/savepoint", "/api/v1/jobs/{x}/savepoints",
            "/api/v1/jobs/{x}/state-check", "/api/v1/jobs/{x}/stop", "/api/v1/jobs/{x}/versions",
            "/api/v1/spec/apply", "/api/v1/spec/export", "/api/v1/spec/plan", "/api/v1/statements",
            "/api/v1/statements/{x}", "/api/v1/tables", "/api/v1/tables/ddl", "/api/v1/tables/infer/postgres",
            "/api/v1/tables/infer/topic", "/api/v1/tables/{x}", "/api/v1/tables/{x}/draft", "/api/v1/tables/{x}/jobs",
            "/api/v1/tables/{x}/versions", "/api/v1/tokens", "/api/v1/tokens/{x}", "/api/v1/users", "/api/v1/users/{x}",
            "/api/v1/{x}", "/api/{x}", "/sql", "/jobs", "/jobs/{x}", "/tables", "/login", "/VAADIN/{x}", "/{x}");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");
    private static final List<String> NAMES = List.of("%00", "..%2f..%2fetc%2fpasswd", "%zz", "-1", "9999999999999999999",
            "0x10", "é漢字", "%F0%9F%92%A5", "a%20b", "x".repeat(3000), "%2e%2e", ";jsessionid=1", "null", "' OR 1=1 --",
            "%3Cscript%3E", "1.5", "");
    private static final List<String> BODIES = List.of("{", "{\"name\":", "[]", "null", "42", "\"text\"",
            "{\"name\": 12, \"kind\": []}", "{\"sql\": {\"a\": 1}}", "{\"statement\": null}", "{\"columns\": \"x\"}",
            "[".repeat(5000), "{\"a\":".repeat(3000), "\u0000\u0001\u0002", "<xml/>", "name=x&kind=y",
            "{\"settings\": {\"parallelism.default\": \"-5\"}}", "{\"role\": \"EMPEROR\"}", "{\"ttl\": \"forever\"}",
            "kind: kafka\n  bad: [", "{\"name\": \"" + "n".repeat(100_000) + "\"}");
    private static final List<String> TYPES = List.of("application/json", "text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=", "application/json; charset=ebcdic",
            "application/yaml", "");

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;

    @Test
    void twoHundredMalformedRequestsGetNo500NoTraceAndRefusalsInWords() throws Exception {
        String admin = tokens.create("malformed requests", Role.ADMIN, Duration.ofHours(1)).secret();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Random random = new Random(15);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < 170; i++) {
            String route = pick(random, ROUTES);
            String path = route.replace("{x}", pick(random, NAMES));
            if (random.nextInt(4) == 0) {
                path += "?" + pick(random, List.of("page=-1", "size=abc", "limit=99999999999", "q=%", "from=yesterday",
                        "page=1&page=2", "x=" + "y".repeat(5000)));
            }
            String method = pick(random, METHODS);
            String body = pick(random, BODIES);
            String type = pick(random, TYPES);
            HttpRequest.Builder request;
            try {
                request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(30));
            } catch (IllegalArgumentException notAUri) {
                // A name the client cannot even send as a URI: the raw-socket half below covers such bytes.
                continue;
            }
            request.method(method, method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (!type.isEmpty()) {
                request.header("Content-Type", type);
            }
            switch (random.nextInt(4)) {
                case 0 -> { } // no token
                case 1 -> request.header("Authorization", "Bearer " + admin);
                case 2 -> request.header("Authorization", "Bearer " + admin.substring(0, admin.length() - 3) + "zzz");
                default -> request.header("Authorization", pick(random, List.of("Basic !!!", "Bearer", "Bearer  ",
                        "Digest x", "Bearer " + "t".repeat(9000))));
            }
            request.header("Accept", pick(random, List.of("application/json", "*/*", "text/html", "image/png")));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            check(method + " " + abbreviate(path) + " [" + type + "] " + abbreviate(body), response.statusCode(),
                    response.body(), path.startsWith("/api/") && !method.equals("HEAD"), problems);
        }
        for (int i = 0; i < 30; i++) {
            String raw = rawRequest(random, admin);
            String answer = sendRaw(raw);
            int status = answer.startsWith("HTTP/1.1 ") && answer.length() >= 12 ? Integer.parseInt(answer.substring(9, 12)) : 0;
            check("raw " + abbreviate(raw.replace("\r\n", "\\r\\n")), status, answer, false, problems);
        }
        System.out.println("Malformed requests answered, by status: " + statuses);
        assertThat(problems).as("requests answered with a 500, a stack trace or a refusal without words").isEmpty();
    }

    private final java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();

    private void check(String what, int status, String body, boolean api, List<String> problems) {
        statuses.merge(status, 1, Integer::sum);
        // 503 is a service Eddy needs being down, 505 an HTTP version nobody speaks: answers, not failures.
        if (status >= 500 && status != 503 && status != 505) {
            problems.add(what + " → " + status + ": " + abbreviate(body));
        } else if (TRACE.matcher(body).find()) {
            problems.add(what + " → " + status + " shows a trace or an exception: " + abbreviate(body));
        } else if (api && status >= 400 && status != 405 && !body.matches("(?s).*\"detail\"\\s*:\\s*\"[^\"]*[a-z]{3}.*")) {
            problems.add(what + " → " + status + " without words: " + abbreviate(body));
        }
    }

    private String rawRequest(Random random, String admin) {
        return switch (random.nextInt(10)) {
            case 0 -> "GET /api/v1/jobs HTTP/9.9\r\nHost: x\r\n\r\n";
            case 1 -> "GARBAGE\r\n\r\n";
            case 2 -> "GET /api/v1/jobs HTTP/1.1\r\nHost: x\r\nBroken header line\r\n\r\n";
            case 3 -> "POST /api/v1/statements HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{\r\n0\r\n\r\n";
            case 4 -> "POST /api/v1/tables HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin
                    + "\r\nContent-Type: application/json\r\nContent-Length: 500\r\nConnection: close\r\n\r\n{\"name\":";
            case 5 -> "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n";
            case 6 -> "GET /api/v1/jobs HTTP/1.1\r\nHost: x\r\nX-Big: " + "h".repeat(20_000) + "\r\n\r\n";
            case 7 -> "GET /api/v1/%zz%00 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin + "\r\n\r\n";
            case 8 -> "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003"; // a TLS hello on the plain port
            default -> "PUT /api/v1/users/%E2%82 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin
                    + "\r\nContent-Type: application/json\r\nContent-Length: 3\r\n\r\n{\u00ff}";
        };
    }

    private String sendRaw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0 && answer.size() < 200_000; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (java.net.SocketException | java.net.SocketTimeoutException closed) {
                // The server may close at once on bytes that are not HTTP: what came so far is the answer.
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String pick(Random random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
