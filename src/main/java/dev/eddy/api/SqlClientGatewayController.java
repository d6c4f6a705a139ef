package dev.eddy.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP face of {@link SqlClientGateway}: {@code /sql-gateway/…}, signed in by an API token. */
@RestController
class SqlClientGatewayController {
    /** Where Flink's SQL Client points: {@code sql-client.sh gateway --endpoint http://eddy:8080/sql-gateway}. */
    static final String PATH = "/sql-gateway";
    private final SqlClientGateway gateway;

    SqlClientGatewayController(SqlClientGateway gateway) {
        this.gateway = gateway;
    }

    @RequestMapping(PATH + "/**")
    ResponseEntity<byte[]> forward(HttpServletRequest request, @RequestBody(required = false) byte[] body) {
        String path = request.getRequestURI().substring(request.getContextPath().length() + PATH.length());
        SqlClientGateway.Answer answer = gateway.forward(request.getMethod(), path, request.getQueryString(), body);
        return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON).body(answer.body());
    }
}
