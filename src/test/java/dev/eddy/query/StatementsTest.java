package dev.eddy.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementsTest {
    @Test
    void trailingSemicolonsAndBlanksAreDropped() {
        assertThat(Statements.normalize("  SELECT 1 ;; \n")).isEqualTo("SELECT 1");
    }

    @Test
    void semicolonsInsideAreKept() {
        assertThat(Statements.normalize("SELECT ';' AS s")).isEqualTo("SELECT ';' AS s");
    }

    @Test
    void nullBecomesEmpty() {
        assertThat(Statements.normalize(null)).isEmpty();
    }
}
