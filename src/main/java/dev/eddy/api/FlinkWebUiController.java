package dev.eddy.api;

import dev.eddy.cluster.FlinkWebUi;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP face of {@link FlinkWebUi}: {@code /flink/…}, for a signed-in browser. */
@RestController
class FlinkWebUiController {
    static final String PATH = "/flink";
    private final FlinkWebUi ui;

    FlinkWebUiController(FlinkWebUi ui) {
        this.ui = ui;
    }

    @GetMapping({PATH, PATH + "/**"})
    ResponseEntity<InputStreamResource> get(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length() + PATH.length());
        if (path.isEmpty()) {
            // Flink's page loads its scripts relative to itself: it must be seen as a folder.
            return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(request.getContextPath() + PATH + "/")).build();
        }
        FlinkWebUi.Answer answer = ui.get(path, request.getQueryString());
        return ResponseEntity.status(answer.status()).contentType(MediaType.parseMediaType(answer.contentType()))
                .body(new InputStreamResource(answer.body()));
    }

    @RequestMapping(value = PATH + "/**", method = {RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH,
        RequestMethod.DELETE})
    ResponseEntity<String> change() {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).contentType(MediaType.APPLICATION_JSON)
                .body("{\"errors\":[\"Flink's web UI is read-only in Eddy: stop, savepoint, restart or cancel jobs on "
                        + "Eddy's Jobs page, where each change is recorded.\"]}");
    }
}
