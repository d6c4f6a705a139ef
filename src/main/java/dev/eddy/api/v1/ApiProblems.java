package dev.eddy.api.v1;

import dev.eddy.cluster.ClusterException;
import dev.eddy.config.NotFound;
import dev.eddy.gateway.GatewayException;
import dev.eddy.integration.IntegrationException;
import dev.eddy.job.JobException;
import dev.eddy.security.AccessRefusedException;
import dev.eddy.security.SecretException;
import dev.eddy.security.UserException;
import dev.eddy.table.TableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every failure of the REST API as RFC 9457 problem details, in the words the console shows:
 * refused (403), no such thing (404), a request Eddy cannot do as asked (400), a cluster it cannot
 * reach (503). Never a stack trace: an unexpected failure is logged and answered in one line.
 */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
class ApiProblems {
    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
    private final dev.eddy.security.StoreOutage outage;

    ApiProblems(dev.eddy.security.StoreOutage outage) {
        this.outage = outage;
    }

    @ExceptionHandler(AccessRefusedException.class)
    ProblemDetail refused(AccessRefusedException e) {
        return problem(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler({JobException.class, IntegrationException.class, TableException.class, UserException.class,
        SecretException.class, dev.eddy.query.StatementException.class, dev.eddy.gitops.SpecException.class,
        dev.eddy.observe.alert.AlertException.class, dev.eddy.function.FunctionLibraryException.class,
        IllegalArgumentException.class})
    ProblemDetail cannot(RuntimeException e) {
        return problem(e instanceof NotFound ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** A change that would drop or misread saved state: 409, with what would be kept, dropped and changed. */
    @ExceptionHandler(dev.eddy.job.StateMismatchException.class)
    ProblemDetail state(dev.eddy.job.StateMismatchException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, e.getMessage());
        problem.setProperty("kept", e.verdict().kept());
        problem.setProperty("dropped", e.verdict().dropped());
        problem.setProperty("changed", e.verdict().changed());
        return problem;
    }

    @ExceptionHandler(GatewayException.class)
    ProblemDetail sql(GatewayException e) {
        ProblemDetail problem = problem(e.kind() == GatewayException.Kind.SQL ? HttpStatus.BAD_REQUEST
                : HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        e.line().ifPresent(l -> problem.setProperty("line", l));
        e.column().ifPresent(c -> problem.setProperty("column", c));
        e.hint().ifPresent(h -> problem.setProperty("hint", h));
        return problem;
    }

    @ExceptionHandler(ClusterException.class)
    ProblemDetail cluster(ClusterException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
        MissingServletRequestParameterException.class})
    ProblemDetail unreadable(Exception e) {
        String what = e instanceof MethodArgumentTypeMismatchException m ? "'" + m.getValue() + "' is not a valid "
                + m.getName() : e instanceof MissingServletRequestParameterException p ? "The parameter "
                + p.getParameterName() + " is missing" : "The request body is not the JSON this route takes";
        return problem(HttpStatus.BAD_REQUEST, what + ": see /swagger-ui.html for the shape of each route.");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ProblemDetail noRoute(NoResourceFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "There is no route /" + e.getResourcePath()
                + ": the routes are listed at /swagger-ui.html.");
    }

    /** Eddy's own store unreachable: 503, in words, nothing of the driver's. */
    @ExceptionHandler(org.springframework.dao.DataAccessException.class)
    ProblemDetail store(org.springframework.dao.DataAccessException e) {
        if (dev.eddy.security.StoreOutage.isOutage(e)) {
            outage.failed();
            return problem(HttpStatus.SERVICE_UNAVAILABLE, outage.message());
        }
        return unexpected(e);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        if (e instanceof org.springframework.web.ErrorResponse known) {
            // Spring's own (a method the route does not take, a media type it cannot give): its words.
            return known.getBody();
        }
        log.warn("The REST API failed unexpectedly: {}", e.toString());
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Eddy could not do this (" + e.getClass().getSimpleName()
                + "). Its log says more; if it happens again, it is a bug worth reporting.");
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail == null || detail.isBlank() ? status.getReasonPhrase() : detail);
    }
}
