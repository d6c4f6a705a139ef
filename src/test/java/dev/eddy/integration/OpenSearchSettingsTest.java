package dev.eddy.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OpenSearchSettingsTest {

    @Test
    void theIndexPatternsDateIsTheRecordsDayInUtc() {
        Instant lateEvening = Instant.parse("2026-12-01T23:59:59Z");
        assertThat(OpenSearchSettings.index("eddy-logs-{yyyy.MM.dd}", lateEvening)).isEqualTo("eddy-logs-2026.12.01");
        assertThat(OpenSearchSettings.index("eddy-{yyyy.MM}-logs", lateEvening)).isEqualTo("eddy-2026.12-logs");
        assertThat(OpenSearchSettings.index("eddy-logs", lateEvening)).isEqualTo("eddy-logs");
    }

    @Test
    void anIndexPatternOpenSearchWouldRefuseIsToldWhy() {
        assertThat(OpenSearchSettings.indexProblems(OpenSearchSettings.DEFAULT_INDEX)).isEmpty();
        assertThat(OpenSearchSettings.indexProblems("")).containsExactly("An index name is needed, e.g. eddy-logs-{yyyy.MM.dd}");
        assertThat(OpenSearchSettings.indexProblems("Eddy-Logs")).singleElement().asString()
                .startsWith("'Eddy-Logs' cannot be an OpenSearch index: lower case letters");
        assertThat(OpenSearchSettings.indexProblems("_eddy")).singleElement().asString().contains("starting with a letter or digit");
        assertThat(OpenSearchSettings.indexProblems("logs/{yyyy}")).singleElement().asString().contains("cannot be an OpenSearch index");
        assertThat(OpenSearchSettings.indexProblems("logs-{bogus}")).containsExactly(
                "{bogus} is not a date pattern; use letters like {yyyy.MM.dd} or {yyyy.MM}");
    }

    @Test
    void theUrlIsAnHttpAddressWithoutCredentials() {
        assertThat(OpenSearchSettings.urlProblem("https://search.example.com:9200")).isNull();
        assertThat(OpenSearchSettings.urlProblem("http://10.0.0.5:9200/")).isNull();
        assertThat(OpenSearchSettings.urlProblem(" ")).startsWith("The URL of OpenSearch is needed");
        assertThat(OpenSearchSettings.urlProblem("search.example.com:9200")).startsWith("The URL of OpenSearch starts with http://");
        assertThat(OpenSearchSettings.urlProblem("https://admin:secret@search.example.com")).isEqualTo(
                "Give the user and password in their own fields, not in the URL");
        assertThat(OpenSearchSettings.urlProblem("https://exa mple")).startsWith("The URL of OpenSearch is not a URL");
    }

    @Test
    void theAddressTheQuickLookTriesHasTheSchemesPortWhenTheUrlHasNone() {
        assertThat(OpenSearchSettings.address(openSearch("https://search.example.com"))).isEqualTo("search.example.com:443");
        assertThat(OpenSearchSettings.address(openSearch("http://search.example.com/"))).isEqualTo("search.example.com:80");
        assertThat(OpenSearchSettings.address(openSearch("http://127.0.0.1:9200"))).isEqualTo("127.0.0.1:9200");
    }

    private static Integration openSearch(String url) {
        return new Integration(1, "logs", IntegrationKind.OPENSEARCH, java.util.Map.of(OpenSearchSettings.URL, url),
                java.util.Set.of(), false, false);
    }
}
