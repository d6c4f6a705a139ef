package dev.eddy.gateway;

import com.fasterxml.jackson.databind.JsonNode;

/** Renders the gateway's JSON logical types the way a user writes them in SQL. */
final class LogicalTypes {
    private static final int MAX_LENGTH = Integer.MAX_VALUE;

    private LogicalTypes() {}

    static String render(JsonNode t) {
        String type = t.path("type").asText("UNKNOWN");
        String rendered = switch (type) {
            case "VARCHAR" -> t.path("length").asInt(MAX_LENGTH) == MAX_LENGTH ? "STRING" : "VARCHAR(" + t.path("length").asInt() + ")";
            case "CHAR", "BINARY", "VARBINARY" -> type + "(" + t.path("length").asInt(1) + ")";
            case "DECIMAL" -> "DECIMAL(" + t.path("precision").asInt(10) + ", " + t.path("scale").asInt(0) + ")";
            case "TIMESTAMP_WITHOUT_TIME_ZONE" -> "TIMESTAMP(" + t.path("precision").asInt(6) + ")";
            case "TIMESTAMP_WITH_LOCAL_TIME_ZONE" -> "TIMESTAMP_LTZ(" + t.path("precision").asInt(6) + ")";
            case "TIMESTAMP_WITH_TIME_ZONE" -> "TIMESTAMP(" + t.path("precision").asInt(6) + ") WITH TIME ZONE";
            case "TIME_WITHOUT_TIME_ZONE" -> "TIME(" + t.path("precision").asInt(0) + ")";
            case "ARRAY", "MULTISET" -> type + "<" + render(t.path("elementType")) + ">";
            case "MAP" -> "MAP<" + render(t.path("keyType")) + ", " + render(t.path("valueType")) + ">";
            case "ROW" -> "ROW<...>";
            default -> type;
        };
        return rendered;
    }
}
