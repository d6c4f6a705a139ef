package dev.eddy.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The gateway's JSON types, as Flink 2.2 serializes them, shown as SQL. */
class LogicalTypesTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void rendersTypesTheWayUsersWriteThem() throws Exception {
        assertThat(render("{\"type\":\"VARCHAR\",\"nullable\":true,\"length\":2147483647}")).isEqualTo("STRING");
        assertThat(render("{\"type\":\"VARCHAR\",\"nullable\":true,\"length\":20}")).isEqualTo("VARCHAR(20)");
        assertThat(render("{\"type\":\"DECIMAL\",\"nullable\":true,\"precision\":10,\"scale\":2}")).isEqualTo("DECIMAL(10, 2)");
        assertThat(render("{\"type\":\"TIMESTAMP_WITH_LOCAL_TIME_ZONE\",\"nullable\":true,\"precision\":3,\"kind\":\"REGULAR\"}"))
                .isEqualTo("TIMESTAMP_LTZ(3)");
        assertThat(render("{\"type\":\"ARRAY\",\"nullable\":true,\"elementType\":{\"type\":\"INTEGER\",\"nullable\":true}}"))
                .isEqualTo("ARRAY<INTEGER>");
        assertThat(render("{\"type\":\"BIGINT\",\"nullable\":false}")).isEqualTo("BIGINT");
    }

    private String render(String type) throws Exception {
        return LogicalTypes.render(json.readTree(type));
    }
}
