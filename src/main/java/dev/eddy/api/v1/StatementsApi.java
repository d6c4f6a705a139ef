package dev.eddy.api.v1;

import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.ResultColumn;
import dev.eddy.query.StatementRuns;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Flink SQL from scripts: run a statement in the caller's session, page through its changes as
 * they stream (as the SQL Gateway pages its results), stop it.
 */
@RestController
@RequestMapping("/api/v1/statements")
@Tag(name = "Statements", description = "Run Flink SQL and page through its result as it streams")
class StatementsApi {
    private final StatementRuns statements;

    StatementsApi(StatementRuns statements) {
        this.statements = statements;
    }

    record StatementRequest(String statement) {}

    /** One change of the result: +I, -U, +U or -D, the row, when it arrived. */
    record ChangeRow(String kind, List<Object> row, Instant arrived) {}

    /** Why a statement failed, in the console's words; Flink's trace stays in Eddy. */
    record Failure(String detail, Integer line, Integer column, String hint) {
        static Failure of(GatewayException e) {
            return new Failure(e.getMessage(), e.line().orElse(null), e.column().orElse(null), e.hint().orElse(null));
        }
    }

    /**
     * A statement and a page of its changes: ask again from {@code next} for more; {@code skipped}
     * counts changes dropped before they were read (a reader slower than the stream).
     */
    record Statement(long id, String statement, StatementRuns.State state, Instant startedAt,
            List<ResultColumn> columns, boolean changelog, List<ChangeRow> changes, long next, long skipped,
            String jobId, Failure error, String waitingFor) {
        static Statement of(StatementRuns.View v) {
            return new Statement(v.id(), v.statement(), v.state(), v.startedAt(), v.columns(), v.changelog(),
                    v.changes().stream().map(c -> new ChangeRow(c.kind().shortString(), c.row(), c.arrived())).toList(),
                    v.next(), v.skipped(), v.jobId().orElse(null), v.error().map(Failure::of).orElse(null),
                    v.waitingFor().orElse(null));
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Run a statement in the caller's session (SET and temporary tables carry over); at most 3 running per user (developer, within the SQL policy)")
    Statement start(@RequestBody StatementRequest request) {
        return Statement.of(statements.start(request == null ? null : request.statement()));
    }

    @GetMapping
    @Operation(summary = "The caller's statements, newest first, without rows (viewer)")
    List<Statement> mine() {
        return statements.mine().stream().map(Statement::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "The statement's state and up to max changes from the from-th on; a running statement nobody reads for 2 minutes is stopped (viewer)")
    Statement read(@PathVariable long id, @RequestParam(defaultValue = "0") long from,
            @RequestParam(defaultValue = "500") int max) {
        return Statement.of(statements.read(id, from, max));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Stop the statement (its Flink job is cancelled) and forget it (viewer)")
    void stop(@PathVariable long id) {
        statements.stop(id);
    }
}
