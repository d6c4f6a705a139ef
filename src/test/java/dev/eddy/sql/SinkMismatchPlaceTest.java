package dev.eddy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.gateway.GatewayErrors;
import dev.eddy.gateway.GatewayException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Flink names only a sink column's position when an INSERT does not fit its table: Eddy finds the item. */
class SinkMismatchPlaceTest {

    private static final String INCOMPATIBLE = "Cause: Incompatible types for sink column 'country' at position 3.\\n\\n"
            + "Query schema: [id: INT, name: STRING, email: STRING, EXPR$3: DECIMAL(10, 2) NOT NULL, created_at: TIMESTAMP(6)]\\n"
            + "Sink schema:  [id: INT, name: STRING, email: STRING, country: BOOLEAN, created_at: TIMESTAMP(6)]";

    @Test
    void anIncompatibleItemIsPlacedOnTheSelectItemThatFeedsTheColumn() {
        String statement = "INSERT INTO customers\nSELECT id, name, email,\n  price * 2, created_at FROM t";
        GatewayException e = SinkMismatchPlace.place(incompatible(), statement);
        assertThat(e.line()).contains(3);
        assertThat(e.column()).contains(3);
        assertThat(e.hint()).get().asString()
                .isEqualTo("This item gives DECIMAL(10, 2) NOT NULL, but sink column country takes BOOLEAN."
                        + " Cast it (CAST(… AS BOOLEAN)) or change the sink column.");
        assertThat(e.getMessage()).startsWith("Column types of query result and sink");
    }

    @Test
    void aTargetColumnListDecidesWhichItemFeedsTheColumn() {
        String statement = "INSERT INTO customers (country, id, name, email, created_at) SELECT 1.5, id, name, email, created_at FROM t";
        GatewayException e = SinkMismatchPlace.place(incompatible(), statement);
        assertThat(e.line()).contains(1);
        assertThat(e.column()).contains(statement.indexOf("1.5") + 1);
    }

    @Test
    void aValuesRowIsPlacedOnItsValue() {
        String statement = "INSERT INTO customers VALUES (1, 'a', 'b', 2.5, TIMESTAMP '2024-01-01 00:00:00')";
        GatewayException e = SinkMismatchPlace.place(incompatible(), statement);
        assertThat(e.column()).contains(statement.indexOf("2.5") + 1);
    }

    @Test
    void aStarBeforeTheItemIsThePlace() {
        String statement = "INSERT INTO customers SELECT * FROM t";
        GatewayException e = SinkMismatchPlace.place(incompatible(), statement);
        assertThat(e.column()).contains(statement.indexOf("*") + 1);
    }

    @Test
    void aWrongNumberOfColumnsIsPlacedOnTheFirstItemAndCountsBoth() {
        GatewayException e = SinkMismatchPlace.place(translate("insert-column-mismatch.json"),
                "INSERT INTO customers SELECT 1");
        assertThat(e.line()).contains(1);
        assertThat(e.column()).contains(30);
        assertThat(e.hint()).get().asString().startsWith("The query gives 1 column, the sink takes 5 (id: INT,")
                .contains("INSERT INTO t (a, b)");
    }

    @Test
    void otherErrorsAndOtherStatementsAreLeftAsTheyAre() {
        GatewayException placed = translate("table-not-found.json");
        assertThat(SinkMismatchPlace.place(placed, "INSERT INTO customers SELECT 1")).isSameAs(placed);
        GatewayException mismatch = incompatible();
        assertThat(SinkMismatchPlace.place(mismatch, "SELECT 1")).isSameAs(mismatch);
        assertThat(SinkMismatchPlace.place(mismatch, "INSERT INTO (")).isSameAs(mismatch);
    }

    private static GatewayException incompatible() {
        String body = read("insert-column-mismatch.json");
        String cause = "Cause: Different number of columns.\\n\\nQuery schema: [EXPR$0: INT NOT NULL]\\n"
                + "Sink schema:  [id: INT, name: STRING, email: STRING, country: STRING, created_at: TIMESTAMP(6)]";
        assertThat(body).contains(cause);
        return GatewayErrors.fromResponse(500, body.replace(cause, INCOMPATIBLE));
    }

    private static GatewayException translate(String file) {
        return GatewayErrors.fromResponse(500, read(file));
    }

    private static String read(String file) {
        try (InputStream in = SinkMismatchPlaceTest.class.getResourceAsStream("/gateway-errors/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
