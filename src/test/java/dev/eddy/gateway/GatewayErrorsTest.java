package dev.eddy.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Real error bodies from Flink 2.2's SQL Gateway, and the message each must become. */
class GatewayErrorsTest {

    @Test
    void missingTableSaysWhichAndWhere() {
        GatewayException e = translate("table-not-found.json");
        assertThat(e.getMessage()).isEqualTo("Object 'nosuch' not found");
        assertThat(e.line()).contains(1);
        assertThat(e.column()).contains(15);
        assertThat(e.hint()).get().asString().contains("SHOW TABLES");
        assertThat(e.kind()).isEqualTo(GatewayException.Kind.SQL);
    }

    @Test
    void flinksShortestRefusalsGetWhatIsWrongAndWhatToDo() {
        assertThat(validation("Unknown identifier '*'").describe()).isEqualTo("Unknown identifier '*' (line 1, column 8). "
                + "A '*' stands only in SELECT * or in COUNT(*): check the function name just before it.");
        assertThat(validation("Unknown identifier 'cout'").hint()).get().asString().contains("neither a column");
        assertThat(validation("Table 'o' not found").hint()).get().asString().contains("neither a table nor an alias");
        assertThat(validation("Temporary table '`eddy`.`default_database`.`t`' already exists").hint()).get().asString()
                .contains("DROP TEMPORARY TABLE");
        assertThat(validation("Incompatible types").hint()).get().asString().contains("CAST");
    }

    private static GatewayException validation(String message) {
        return GatewayErrors.fromResponse(500, "{\"errors\":[\"Internal server error.\",\"org.apache.flink.table.api."
                + "ValidationException: SQL validation failed. From line 1, column 8 to line 1, column 8: " + message
                + "\\nCaused by: org.apache.calcite.sql.validate.SqlValidatorException: " + message + "\"]}");
    }

    @Test
    void missingColumnSaysWhichAndWhere() {
        GatewayException e = translate("column-not-found.json");
        assertThat(e.getMessage()).isEqualTo("Column 'nosuchcol' not found in any table");
        assertThat(e.line()).contains(1);
        assertThat(e.column()).contains(8);
    }

    @Test
    void unexpectedTokenNamesTheTokenAndPosition() {
        GatewayException e = translate("parse-unexpected-token.json");
        assertThat(e.getMessage()).isEqualTo("Unexpected \"x\"");
        assertThat(e.line()).contains(1);
        assertThat(e.column()).contains(27);
        assertThat(e.describe()).isEqualTo("Unexpected \"x\" (line 1, column 27). Check the SQL syntax just before it.");
    }

    @Test
    void statementEndingEarlySaysSo() {
        GatewayException e = translate("parse-unexpected-eof.json");
        assertThat(e.getMessage()).isEqualTo("The statement ends where Flink expected more");
        assertThat(e.column()).contains(26);
    }

    @Test
    void unknownFirstKeywordPointsAtTheKeyword() {
        GatewayException e = translate("parse-non-query.json");
        assertThat(e.getMessage()).isEqualTo("Flink could not read this statement");
        assertThat(e.hint()).get().asString().contains("first keyword");
    }

    @Test
    void unknownConnectorListsTheAvailableOnes() {
        GatewayException e = translate("unknown-connector.json");
        assertThat(e.getMessage()).isEqualTo("No connector named 'nosuch' in this Flink cluster");
        assertThat(e.hint()).get().asString()
                .startsWith("Available: blackhole, datagen,")
                .contains("kafka, ")
                .contains("upsert-kafka");
    }

    @Test
    void sinkMismatchKeepsBothSchemas() {
        GatewayException e = translate("insert-column-mismatch.json");
        assertThat(e.getMessage()).isEqualTo(
                "Column types of query result and sink for 'default_catalog.default_database.customers' do not match");
        assertThat(e.hint()).get().asString()
                .contains("Different number of columns")
                .contains("Query schema: [EXPR$0: INT NOT NULL]")
                .contains("Sink schema:");
    }

    @Test
    void rawTraceIsKeptAsDetailButNeverAsTheMessage() {
        GatewayException e = translate("table-not-found.json");
        assertThat(e.detail()).contains("org.apache.calcite.sql.validate.SqlValidatorException");
        assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("Internal server error");
        assertThat(e.rootCause()).startsWith("org.apache.calcite.sql.validate.SqlValidatorException");
    }

    @Test
    void lostSessionIsRecognised() {
        GatewayException e = GatewayErrors.fromResponse(500, "{\"errors\":[\"Internal server error.\","
                + "\"<Exception on server side:\\norg.apache.flink.table.gateway.api.utils.SqlGatewayException: "
                + "Session '2d7c6ab8-1a3b-4f6e-9b59-3c3ce6b5d1a0' does not exist.\\n\\tat x.y(Z.java:1)\"]}");
        assertThat(e.kind()).isEqualTo(GatewayException.Kind.SESSION_NOT_FOUND);
    }

    @Test
    void missingClassNamesTheClassAndTheLikelyCause() {
        GatewayException e = GatewayErrors.fromResponse(500, "{\"errors\":[\"Internal server error.\","
                + "\"<Exception on server side:\\norg.apache.flink.table.gateway.api.utils.SqlGatewayException: x\\n"
                + "Caused by: java.lang.ClassNotFoundException: org.apache.flink.streaming.api.operators.SimpleOperatorFactory\\n"
                + "\\tat java.base/java.net.URLClassLoader.findClass(URLClassLoader.java:445)\"]}");
        assertThat(e.getMessage())
                .isEqualTo("Flink could not load class org.apache.flink.streaming.api.operators.SimpleOperatorFactory");
        assertThat(e.hint()).get().asString().contains("class path");
    }

    @Test
    void emptyErrorBodyStillExplains() {
        GatewayException e = GatewayErrors.fromResponse(502, "");
        assertThat(e.getMessage()).contains("HTTP 502");
    }

    @Test
    void refusedConnectionNamesTheAddressAndTheSetting() {
        GatewayException e = GatewayErrors.fromIo("http://127.0.0.1:1", new ConnectException(), Duration.ofSeconds(30));
        assertThat(e.kind()).isEqualTo(GatewayException.Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("http://127.0.0.1:1");
        assertThat(e.hint()).get().asString().contains("eddy.flink.gateway-url");
    }

    @Test
    void timeoutSaysWhichTimeoutExpired() {
        GatewayException e = GatewayErrors.fromIo("http://gw:8083", new HttpTimeoutException("timed out"),
                Duration.ofSeconds(30));
        assertThat(e.kind()).isEqualTo(GatewayException.Kind.TIMEOUT);
        assertThat(e.getMessage()).contains("30 s");
        assertThat(e.hint()).get().asString().contains("eddy.gateway.request-timeout");
    }

    private static GatewayException translate(String file) {
        try (InputStream in = GatewayErrorsTest.class.getResourceAsStream("/gateway-errors/" + file)) {
            return GatewayErrors.fromResponse(500, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aWindowOverAColumnWithoutWatermarkSaysHowToDeclareOne() throws Exception {
        GatewayException e = translate("window-without-watermark.json");
        assertThat(e.getMessage())
                .isEqualTo("The window function requires the timecol is a time attribute type, but is TIMESTAMP(3)");
        assertThat(e.hint()).get().asString().contains("WATERMARK FOR").contains("PROCTIME()");
    }
}
