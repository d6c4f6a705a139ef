package dev.eddy.api.v1;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Any /api/… path no route takes: a 404 problem naming where the routes are, not the console's page. */
@RestController
@io.swagger.v3.oas.annotations.Hidden
class ApiFallback {

    @RequestMapping("/api/**")
    ResponseEntity<ProblemDetail> none(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no route "
                + request.getMethod() + " " + path + ": the routes are listed at /swagger-ui.html.");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
}
