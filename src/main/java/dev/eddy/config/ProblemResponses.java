package dev.eddy.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Refusals written before Spring MVC is reached (filters, the firewall, Tomcat's error page): an RFC
 * 9457 problem in words under {@code /api/}, the words alone elsewhere, as the REST API's own answers.
 */
public final class ProblemResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemResponses() {}

    /** Whether the request is one of the REST API's, which answers in problem JSON. */
    public static boolean isApi(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri != null && uri.startsWith(request.getContextPath() + "/api/");
    }

    /** The problem document: type, title (the status's reason), status and the words. */
    public static String json(int status, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        HttpStatus known = HttpStatus.resolve(status);
        if (known != null) {
            problem.put("title", known.getReasonPhrase());
        }
        problem.put("status", status);
        problem.put("detail", detail);
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same words as Flink's REST API writes its errors, for Flink's SQL Client through Eddy's gateway. */
    public static String flinkErrors(String detail) {
        try {
            return JSON.writeValueAsString(Map.of("errors", java.util.List.of(detail)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers with the status and the words: a problem for the API, plain text for anything else. */
    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String detail)
            throws IOException {
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (isApi(request)) {
            response.setContentType("application/problem+json");
            response.getWriter().write(json(status, detail));
        } else {
            response.setContentType("text/plain");
            response.getWriter().write(detail);
        }
    }
}
