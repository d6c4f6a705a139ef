package dev.eddy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.gateway.GatewayErrors;
import dev.eddy.gateway.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorHintsTest {
    private static final SessionObjects SESSION = new SessionObjects("default_catalog", "default_database",
            Map.of("default_catalog", List.of("default_database", "archive")),
            List.of(table("default_database", "orders", "order_id", "status"),
                    table("default_database", "customers", "id", "name"),
                    table("archive", "nosuch_old", "id")),
            List.of());

    private static SessionObjects.Table table(String database, String name, String... columns) {
        return new SessionObjects.Table("default_catalog", database, name, false,
                java.util.Arrays.stream(columns).map(c -> new SessionObjects.Column(c, "STRING")).toList());
    }

    private static GatewayException flinkError(String file) throws Exception {
        try (var in = ErrorHintsTest.class.getResourceAsStream("/gateway-errors/" + file)) {
            return GatewayErrors.fromResponse(500, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aMisspelledFunctionOrAColumnBehindAnAliasGetsCloseNames() {
        GatewayException function = new GatewayException(GatewayException.Kind.SQL,
                "No match found for function signature UPPERR(<CHARACTER>)", null, null, 1, 8, null);
        assertThat(ErrorHints.enrich(function, SESSION).hint()).hasValue("Did you mean `UPPER`?");
        GatewayException column = new GatewayException(GatewayException.Kind.SQL,
                "Column 'idd' not found in table 'c'", null, null, 1, 8, null);
        assertThat(ErrorHints.enrich(column, SESSION).hint()).hasValueSatisfying(h -> assertThat(h).contains("`id`"));
    }

    @Test
    void aReservedWordWhereATableGoesGetsTheTableMeant() {
        String message = SyntaxChecker.check("SELECT * FROM order").get(0).message();
        assertThat(ErrorHints.reservedWordHint(message, SESSION)).hasValue("Did you mean `orders`?");
        assertThat(ErrorHints.reservedWordHint("Unexpected AND: expected a name", SESSION)).isEmpty();
    }

    @Test
    void aMisspelledTableGetsTheCatalogsCloseNames() throws Exception {
        GatewayException real = flinkError("table-not-found.json");
        assertThat(real.getMessage()).isEqualTo("Object 'nosuch' not found");
        GatewayException enriched = ErrorHints.enrich(real, SESSION);
        assertThat(enriched.hint()).contains("Did you mean `default_catalog.archive.nosuch_old`?");
        assertThat(enriched.line()).isEqualTo(real.line());
        assertThat(enriched.detail()).isEqualTo(real.detail());
    }

    @Test
    void similarNamesForTyposAndCase() {
        List<String> known = List.of("orders", "customers", "products", "order_totals");
        assertThat(ErrorHints.similar("ordres", known)).startsWith("orders");
        assertThat(ErrorHints.similar("Customers", known)).containsExactly("customers");
        assertThat(ErrorHints.similar("xyz", known)).isEmpty();
    }

    @Test
    void aMisspelledColumnGetsTheColumnsOfTheSession() throws Exception {
        GatewayException real = flinkError("column-not-found.json");
        assertThat(real.getMessage()).isEqualTo("Column 'nosuchcol' not found in any table");
        SessionObjects withColumn = new SessionObjects("default_catalog", "default_database", Map.of(),
                List.of(table("default_database", "orders", "order_id", "nosuch_col")), List.of());
        assertThat(ErrorHints.enrich(real, withColumn).hint()).contains("Did you mean `nosuch_col`?");
        assertThat(ErrorHints.enrich(real, SESSION)).isSameAs(real);
    }

    @Test
    void otherErrorsPassUnchanged() {
        GatewayException e = new GatewayException(GatewayException.Kind.SQL, "Something else", null, null, null, null, null);
        assertThat(ErrorHints.enrich(e, SESSION)).isSameAs(e);
    }
}
