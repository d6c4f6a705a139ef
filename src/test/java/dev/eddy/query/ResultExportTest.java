package dev.eddy.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.gateway.ResultColumn;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultExportTest {
    private final List<ResultColumn> columns = List.of(new ResultColumn("id", "BIGINT", false),
            new ResultColumn("note", "STRING", true), new ResultColumn("price", "DECIMAL(10, 2)", true),
            new ResultColumn("tags", "ARRAY<STRING>", true));

    @Test
    void csvQuotesWhatNeedsQuotingAndKeepsNullApartFromEmpty() throws Exception {
        StringWriter out = new StringWriter();
        ResultExport.csv(columns, List.of(
                Arrays.asList(1L, "plain", new BigDecimal("9.50"), null),
                Arrays.asList(2L, "a, \"quoted\"\nline", null, null),
                Arrays.asList(3L, "", BigDecimal.ONE, new ObjectMapper().readTree("[\"x\",\"y\"]"))), out);
        assertThat(out.toString()).isEqualTo("id,note,price,tags\r\n"
                + "1,plain,9.50,\r\n"
                + "2,\"a, \"\"quoted\"\"\nline\",,\r\n"
                + "3,\"\",1,\"[\"\"x\"\",\"\"y\"\"]\"\r\n");
    }

    @Test
    void jsonWritesObjectsWithTypedValuesAndNestedTrees() throws Exception {
        StringWriter out = new StringWriter();
        ResultExport.json(columns, List.of(
                Arrays.asList(1L, null, new BigDecimal("9.50"), new ObjectMapper().readTree("[\"x\"]"))), out);
        var parsed = new ObjectMapper().readTree(out.toString());
        assertThat(parsed.get(0).get("id").asLong()).isEqualTo(1);
        assertThat(parsed.get(0).get("note").isNull()).isTrue();
        assertThat(parsed.get(0).get("price").decimalValue()).isEqualByComparingTo("9.50");
        assertThat(parsed.get(0).get("tags").get(0).asText()).isEqualTo("x");
    }
}
