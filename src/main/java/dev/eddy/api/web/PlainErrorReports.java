package dev.eddy.api.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * What the servlet container answers for a request it refuses before Eddy sees it (a header too
 * large, a bad character in the address, an HTTP version nobody speaks): one sentence in words,
 * as an RFC 9457 problem under {@code /api/}, never the container's page or a stack trace.
 */
@Component
class PlainErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(Valve.class.getName());
                // Spring Boot's own report valve (no details) stays; this one, nearer the request, answers first.
                host.getPipeline().addValve(new Valve());
            }
        });
    }

    /** A refusal as words: the status, what it means here and what to do. */
    static String words(int status) {
        return Map.of(
                400, "Eddy could not read this request: it is not well-formed HTTP (a header too large, a character "
                        + "not allowed in its address, or a body that does not match its headers). Check how the "
                        + "client builds it.",
                404, "There is nothing at this address.",
                405, "This address does not take that method.",
                408, "The request took too long to arrive: send it again.",
                413, "The request body is too large for Eddy.",
                414, "The address is too long for Eddy: send long values in the body instead.",
                431, "The request's headers are too large for Eddy.",
                505, "Eddy speaks HTTP/1.1 and HTTP/2 only: send the request in one of them.")
                .getOrDefault(status, "Eddy could not answer this request (HTTP " + status + ").");
    }

    /** Tomcat's error report valve, reporting in words; public for Tomcat to make it by its name. */
    public static final class Valve extends ErrorReportValve {
        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            String uri = request.getRequestURI();
            boolean api = uri != null && uri.startsWith("/api/");
            String text = words(status);
            try {
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                if (api) {
                    response.setContentType("application/problem+json");
                } else {
                    response.setContentType("text/plain");
                }
                Writer out = response.getReporter();
                if (out != null) {
                    out.write(api ? dev.eddy.config.ProblemResponses.json(status, text) : text);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The client went away: nothing more to tell it.
            }
        }
    }
}
