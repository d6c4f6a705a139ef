package dev.eddy.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ProblemResponsesTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aProblemCarriesTheStatusItsReasonAndTheWordsEvenWithQuotesInThem() throws Exception {
        JsonNode problem = json.readTree(ProblemResponses.json(503, "Eddy's store at \"db:5432\" cannot be reached"));
        assertThat(problem.path("type").asText()).isEqualTo("about:blank");
        assertThat(problem.path("title").asText()).isEqualTo("Service Unavailable");
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("detail").asText()).isEqualTo("Eddy's store at \"db:5432\" cannot be reached");
    }

    @Test
    void flinksClientReadsTheWordsFromItsOwnErrorShape() throws Exception {
        JsonNode errors = json.readTree(ProblemResponses.flinkErrors("Eddy needs an API token"));
        assertThat(errors.path("errors").get(0).asText()).isEqualTo("Eddy needs an API token");
    }
}
