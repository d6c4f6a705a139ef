package dev.eddy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FunctionCallsTest {
    @Test
    void namesEveryUserFunctionCalledInSelectsJoinsLateralTablesAndAggregates() {
        assertThat(FunctionCalls.in("INSERT INTO sink SELECT Shout(name), longest_length(w) FROM people, "
                + "LATERAL TABLE(split_words(name)) AS t(w) WHERE eddy.default_database.is_ok(name) GROUP BY name;"))
                .containsExactlyInAnyOrder("shout", "longest_length", "split_words", "eddy.default_database.is_ok");
    }

    @Test
    void builtInFunctionsAndOperatorsAreNotCalledByName() {
        assertThat(FunctionCalls.in("SELECT COUNT(*), UPPER(a), a + 1, CAST(a AS STRING) FROM t")).isEmpty();
    }

    @Test
    void textThatDoesNotParseCallsNothing() {
        assertThat(FunctionCalls.in("SELEC shout(")).isEmpty();
    }
}
