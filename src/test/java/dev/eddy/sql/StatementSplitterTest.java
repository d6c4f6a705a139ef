package dev.eddy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

    private static List<String> texts(String script) {
        return StatementSplitter.split(script).stream().map(SqlStatement::text).toList();
    }

    @Test
    void splitsAtSemicolons() {
        assertThat(texts("SELECT 1; SELECT 2;\nSHOW TABLES")).containsExactly("SELECT 1", "SELECT 2", "SHOW TABLES");
    }

    @Test
    void semicolonsInStringsNamesAndCommentsDoNotSplit() {
        String script = "SELECT 'a;b', `c;d` FROM t -- not here;\nWHERE x = 'it''s;' /* nor; here */;\nSELECT 2";
        assertThat(texts(script)).containsExactly(
                "SELECT 'a;b', `c;d` FROM t -- not here;\nWHERE x = 'it''s;'", "SELECT 2");
    }

    @Test
    void aStatementSetBlockIsOneStatement() {
        String script = """
                SET 'pipeline.name' = 'two sinks';
                EXECUTE STATEMENT SET
                BEGIN
                  INSERT INTO a SELECT * FROM s;
                  INSERT INTO b SELECT * FROM s;
                END;
                SELECT 1;""";
        List<String> texts = texts(script);
        assertThat(texts).hasSize(3);
        assertThat(texts.get(1)).startsWith("EXECUTE STATEMENT SET").endsWith("END")
                .contains("INSERT INTO a SELECT * FROM s;").contains("INSERT INTO b");
    }

    @Test
    void emptyStatementsAndLeadingCommentsAreSkipped() {
        assertThat(texts(";; -- a note\n  SELECT 1 ;;")).containsExactly("SELECT 1");
        assertThat(texts("  -- only a comment\n")).isEmpty();
    }

    @Test
    void statementsKnowTheirLineAndOffsets() {
        String script = "SELECT 1;\n\n  SELECT\n 2;";
        SqlStatement second = StatementSplitter.split(script).get(1);
        assertThat(second.line()).isEqualTo(3);
        assertThat(script.substring(second.start(), second.end())).isEqualTo("SELECT\n 2");
    }

    @Test
    void theCursorPicksTheStatementItStandsIn() {
        String script = "SELECT 1;\nSELECT 2;\n\nSELECT 3";
        assertThat(StatementSplitter.at(script, script.indexOf("2"), script.indexOf("2")))
                .extracting(SqlStatement::text).containsExactly("SELECT 2");
        // Right after a semicolon, or on the blank line after it: the statement just written.
        int afterSecond = script.indexOf("2;") + 2;
        assertThat(StatementSplitter.at(script, afterSecond, afterSecond))
                .extracting(SqlStatement::text).containsExactly("SELECT 2");
        assertThat(StatementSplitter.at(script, afterSecond + 1, afterSecond + 1))
                .extracting(SqlStatement::text).containsExactly("SELECT 2");
        assertThat(StatementSplitter.at(script, script.length(), script.length()))
                .extracting(SqlStatement::text).containsExactly("SELECT 3");
        assertThat(StatementSplitter.at("  \n", 1, 1)).isEmpty();
    }

    @Test
    void aSelectionRunsWhatIsSelectedWithItsLines() {
        String script = "SELECT 1;\nSELECT 2; SELECT 3;\nSELECT 4;";
        int from = script.indexOf("SELECT 2");
        int to = script.indexOf("SELECT 4");
        List<SqlStatement> statements = StatementSplitter.at(script, from, to);
        assertThat(statements).extracting(SqlStatement::text).containsExactly("SELECT 2", "SELECT 3");
        assertThat(statements.get(0).line()).isEqualTo(2);
        assertThat(statements.get(1).start()).isEqualTo(script.indexOf("SELECT 3"));
    }

    @Test
    void anUnterminatedStringKeepsTheRestOfTheScriptInOneStatement() {
        assertThat(texts("SELECT 'abc; SELECT 2")).hasSize(1);
    }

    @Test
    void anErrorPositionMarksTheWholeTokenThere() {
        String script = "SELECT 1;\nSELECT * FROM ordres WHERE x = 1";
        SqlStatement second = StatementSplitter.split(script).get(1);
        int at = second.offset(1, 15);
        assertThat(script.substring(at, second.tokenEnd(at))).isEqualTo("ordres");
    }
}
