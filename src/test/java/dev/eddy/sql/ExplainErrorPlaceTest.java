package dev.eddy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.gateway.GatewayException;
import org.junit.jupiter.api.Test;

/** Errors of "Explain" are placed in the user's statement, not in the "EXPLAIN …" Eddy sent. */
class ExplainErrorPlaceTest {

    @Test
    void theFirstLineLosesThePrefixsColumns() {
        GatewayException sent = new GatewayException(GatewayException.Kind.SQL, "Object 'nosuch' not found", null, null, 1, 23, "hint");
        GatewayException shown = SqlAssistant.withoutExplainPrefix(sent);
        assertThat(shown.line()).contains(1);
        assertThat(shown.column()).contains(15);
        assertThat(shown.hint()).contains("hint");
    }

    @Test
    void laterLinesAndUnplacedErrorsStayAsTheyAre() {
        GatewayException later = new GatewayException(GatewayException.Kind.SQL, "x", null, null, 2, 5, null);
        assertThat(SqlAssistant.withoutExplainPrefix(later)).isSameAs(later);
        GatewayException nowhere = new GatewayException(GatewayException.Kind.SQL, "x", null, null, null, null, null);
        assertThat(SqlAssistant.withoutExplainPrefix(nowhere)).isSameAs(nowhere);
    }
}
