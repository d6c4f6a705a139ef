package dev.eddy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntaxCheckerTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM orders WHERE amount > 10",
        "SET 'table.exec.state.ttl' = '1 h'",
        "RESET 'table.exec.state.ttl'",
        "SHOW TABLES",
        "SHOW CREATE TABLE orders",
        "DESCRIBE orders",
        "USE CATALOG default_catalog",
        "EXPLAIN SELECT 1",
        "CREATE TEMPORARY VIEW v AS SELECT 1 AS x",
        "CREATE TABLE t (id INT, ts TIMESTAMP_LTZ(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND, "
                + "PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'kafka', 'topic' = 'orders')",
        "EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT * FROM s; INSERT INTO b SELECT * FROM s; END",
        "INSERT INTO sink SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), "
                + "INTERVAL '1' MINUTE)) GROUP BY window_start, window_end",
        "SHOW JOBS",
        "STOP JOB 'abc' WITH SAVEPOINT",
    })
    void acceptsWhatFlinkAccepts(String statement) {
        assertThat(SyntaxChecker.check(statement)).isEmpty();
    }

    @Test
    void placesAnErrorOnItsLineAndColumnInTheScript() {
        String script = "SELECT 1;\n\nSELECT * FROM orders\nWHERE amount > 10 AND AND x;";
        List<SyntaxProblem> problems = SyntaxChecker.check(script);
        assertThat(problems).hasSize(1);
        SyntaxProblem p = problems.get(0);
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.column()).isEqualTo(19);
        assertThat(script.substring(p.from(), p.to())).startsWith("AND");
        assertThat(p.message()).startsWith("Unexpected AND");
    }

    @Test
    void aReservedWordWhereANameGoesIsToldToBeQuoted() {
        SyntaxProblem p = SyntaxChecker.check("SELECT * FROM order").get(0);
        assertThat(p.message()).startsWith("Unexpected order").contains("order is a reserved word in Flink SQL")
                .contains("`order`");
    }

    @Test
    void anUnfinishedStatementIsMarkedAtItsEnd() {
        String script = "SELECT * FROM";
        SyntaxProblem p = SyntaxChecker.check(script).get(0);
        assertThat(p.message()).startsWith("The statement ends too early");
        assertThat(p.to()).isEqualTo(script.length());
    }

    @Test
    void tabsBeforeAnErrorDoNotShiftTheMark() {
        String script = "SELECT\n\t\ta,\t, b FROM t";
        SyntaxProblem p = SyntaxChecker.check(script).get(0);
        assertThat(p.from()).isEqualTo(script.lastIndexOf(','));
    }

    @Test
    void aShortListOfWhatWasExpectedIsNamed() {
        SyntaxProblem p = SyntaxChecker.check("CREATE TABLE t (a INT) WITH ('k' 'v')").get(0);
        assertThat(p.message()).contains("expected").contains("=");
    }
}
