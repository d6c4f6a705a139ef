package dev.eddy.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.cluster.ClusterLogs;
import dev.eddy.config.Secret;
import dev.eddy.integration.ConnectionCheck;
import dev.eddy.integration.IntegrationDraft;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.OpenSearchSettings;
import dev.eddy.job.JobGauges;
import dev.eddy.store.Leadership;
import dev.eddy.support.Await;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.OpenSearchNode;
import dev.eddy.support.TcpProxy;
import dev.eddy.support.WebhookReceiver;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Eddy's log shipped to a real OpenSearch node as structured records: found by a search with their
 * level, logger, job and exception; kept while OpenSearch is away and delivered when it is back; the
 * oldest dropped and counted when the buffer is full; a record OpenSearch refuses counted, not retried.
 */
@EddyIntegrationTest
class LogShippingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger probe = LoggerFactory.getLogger("dev.eddy.test.ShippingProbe");
    private static OpenSearchNode node;
    private final HttpClient http = HttpClient.newHttpClient();
    @Autowired
    LogShipping shipping;
    @Autowired
    IntegrationService integrations;
    @Autowired
    ClusterLogs clusterLogs;
    @Autowired
    Leadership leadership;
    @Autowired
    JobLogTap tap;
    @Autowired
    JobGauges gauges;
    @Autowired
    MeterRegistry registry;

    @BeforeAll
    static void startOpenSearch() throws Exception {
        node = OpenSearchNode.start(Path.of("target/opensearch/" + UUID.randomUUID()));
    }

    @AfterAll
    static void stopOpenSearch() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void eddysLinesArriveAsRecordsAndWaitWhileOpenSearchIsAway() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String name = "logs-" + suffix;
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", URI.create(node.url()).getPort())) {
            integrations.save(new IntegrationDraft(name, IntegrationKind.OPENSEARCH, Map.of(OpenSearchSettings.URL,
                    "http://127.0.0.1:" + proxy.port(), OpenSearchSettings.INDEX, "eddy-" + suffix + "-{yyyy.MM.dd}",
                    OpenSearchSettings.LEVEL, "WARN"), Map.of()));
            try {
                ConnectionCheck check = integrations.test(name);
                assertThat(check.ok()).isTrue();
                assertThat(check.summary()).isEqualTo("Connected to http://127.0.0.1:" + proxy.port()
                        + " without a user: cluster eddy-test, OpenSearch 2.19.1");
                assertThat(integrations.dataSources()).noneMatch(i -> i.name().equals(name));

                shipping.reload();
                String marker = "shipping-probe-" + suffix;
                MDC.put(JobLogTap.JOB_ID, "0123456789abcdef0123456789abcdef");
                try {
                    probe.warn("{} about a job", marker);
                } finally {
                    MDC.remove(JobLogTap.JOB_ID);
                }
                probe.error(marker + " with an exception", new IllegalStateException("the reason",
                        new java.io.IOException("the cause")));
                probe.info(marker + " below the level");
                shipping.ship();
                JsonNode hits = search("eddy-" + suffix + "-*", marker, 2); // all three went in one batch: a third would be here
                assertThat(hits.size()).as("WARN and up only, each once").isEqualTo(2);
                JsonNode warn = find(hits, "WARN");
                assertThat(warn.path("message").asText()).isEqualTo(marker + " about a job");
                assertThat(warn.path("logger").asText()).isEqualTo("dev.eddy.test.ShippingProbe");
                assertThat(warn.path("process").asText()).isEqualTo("Eddy");
                assertThat(warn.path("thread").asText()).isEqualTo(Thread.currentThread().getName());
                assertThat(warn.path("flink_job_id").asText()).isEqualTo("0123456789abcdef0123456789abcdef");
                assertThat(warn.path("host").asText()).isNotBlank();
                assertThat(warn.path("@timestamp").asText()).startsWith(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
                JsonNode error = find(hits, "ERROR");
                assertThat(error.path("error").asText()).startsWith("java.lang.IllegalStateException: the reason\n\tat ")
                        .contains("Caused by: java.io.IOException: the cause");
                assertThat(shipping.shipping(name).orElseThrow()).satisfies(s -> {
                    assertThat(s.shipped()).isGreaterThanOrEqualTo(2);
                    assertThat(s.waiting()).isZero();
                    assertThat(s.problem()).isNull();
                });
                assertThat(registry.find("eddy.logs.shipped").tag("integration", name).functionCounter().count())
                        .isGreaterThanOrEqualTo(2);

                // OpenSearch away: lines wait, the problem is said in words, and all arrive once it is back.
                proxy.cut();
                for (int i = 0; i < 5; i++) {
                    probe.warn("{} while away #{}", marker, i);
                }
                shipping.ship();
                LogShipping.Shipping away = shipping.shipping(name).orElseThrow();
                assertThat(away.waiting()).isGreaterThanOrEqualTo(5);
                assertThat(away.problem()).startsWith("Nothing listens at 127.0.0.1:" + proxy.port());
                proxy.restore();
                Await.until("the waiting lines shipped", Duration.ofSeconds(90), () -> {
                    shipping.ship();
                    return shipping.shipping(name).orElseThrow();
                }, s -> s.problem() == null && s.waiting() < 5);
                assertThat(search("eddy-" + suffix + "-*", marker + " while away", 5).size()).isEqualTo(5);
            } finally {
                integrations.delete(name);
                shipping.reload();
            }
        }
        assertThat(shipping.shipping(name)).isEmpty();
        assertThat(registry.find("eddy.logs.shipped").tag("integration", name).functionCounter()).isNull();
    }

    @Test
    void aFullBufferDropsTheOldestAndCountsThemAndRefusedRecordsAreCountedNotRetried() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String name = "small-" + suffix;
        // Records whose level OpenSearch must read as a number: each is refused.
        put("/refusing-" + suffix, "{\"mappings\":{\"properties\":{\"level\":{\"type\":\"integer\"}}}}");
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", URI.create(node.url()).getPort());
             LogShipping small = new LogShipping(integrations, clusterLogs, leadership, tap, gauges, registry, 5,
                     Duration.ofHours(1))) {
            integrations.save(new IntegrationDraft(name, IntegrationKind.OPENSEARCH, Map.of(OpenSearchSettings.URL,
                    "http://127.0.0.1:" + proxy.port(), OpenSearchSettings.INDEX, "small-" + suffix), Map.of()));
            try {
                small.reload();
                proxy.cut();
                String marker = "dropped-probe-" + suffix;
                for (int i = 0; i < 12; i++) {
                    probe.info("{} #{}", marker, i);
                }
                small.ship();
                LogShipping.Shipping full = small.shipping(name).orElseThrow();
                assertThat(full.waiting()).isEqualTo(5);
                assertThat(full.dropped()).isGreaterThanOrEqualTo(7);
                proxy.restore();
                Await.until("the last five shipped", Duration.ofSeconds(90), () -> {
                    small.ship();
                    return small.shipping(name).orElseThrow();
                }, s -> s.problem() == null && s.shipped() >= 5);
                // The newest five waited: the last lines (another of Eddy's lines logged meanwhile would take a place).
                JsonNode hits = search("small-" + suffix, marker, 3);
                assertThat(hits.findValuesAsText("message")).as("the newest kept, the oldest dropped")
                        .contains(marker + " #11").doesNotContain(marker + " #0");

                integrations.save(new IntegrationDraft(name, IntegrationKind.OPENSEARCH, Map.of(OpenSearchSettings.URL,
                        "http://127.0.0.1:" + proxy.port(), OpenSearchSettings.INDEX, "refusing-" + suffix), Map.of()));
                small.reload();
                probe.info("{} refused", marker);
                small.ship();
                LogShipping.Shipping refused = small.shipping(name).orElseThrow();
                assertThat(refused.refused()).isPositive();
                assertThat(refused.waiting()).as("not sent again").isZero();
                assertThat(refused.problem()).startsWith("OpenSearch refused ").contains("not sent again")
                        .contains("mapper_parsing_exception");
            } finally {
                integrations.delete(name);
            }
        }
    }

    @Test
    void aRefusedPasswordAndAWrongAddressAreSaidInWords() throws Exception {
        try (WebhookReceiver guarded = new WebhookReceiver()) {
            guarded.answer(401);
            URI at = URI.create(guarded.url());
            String name = "guarded-" + UUID.randomUUID().toString().substring(0, 8);
            integrations.save(new IntegrationDraft(name, IntegrationKind.OPENSEARCH, Map.of(OpenSearchSettings.URL,
                    "http://127.0.0.1:" + at.getPort(), OpenSearchSettings.USER, "shipper"),
                    Map.of(OpenSearchSettings.PASSWORD, Secret.of("wrong"))));
            try {
                assertThat(integrations.test(name).summary()).isEqualTo("OpenSearch refused the user name or password of shipper");
            } finally {
                integrations.delete(name);
            }
        }
        assertThatThrownBy(() -> integrations.save(new IntegrationDraft("bad-url", IntegrationKind.OPENSEARCH,
                Map.of(OpenSearchSettings.URL, "search.example.com:9200"), Map.of())))
                .hasMessage("The URL of OpenSearch starts with http:// or https://, e.g. https://search.example.com:9200");
        assertThatThrownBy(() -> integrations.save(new IntegrationDraft("bad-index", IntegrationKind.OPENSEARCH,
                Map.of(OpenSearchSettings.URL, "http://127.0.0.1:9200", OpenSearchSettings.INDEX, "Logs {yyyy}"), Map.of())))
                .hasMessageStartingWith("'Logs 20").hasMessageContaining("cannot be an OpenSearch index");
    }

    private static JsonNode find(JsonNode hits, String level) {
        for (JsonNode h : hits) {
            if (level.equals(h.path("level").asText())) {
                return h;
            }
        }
        throw new AssertionError("no " + level + " record among " + hits);
    }

    /** The records whose message has {@code phrase}, once at least {@code atLeast} are found. */
    private JsonNode search(String index, String phrase, int atLeast) throws Exception {
        String query = "{\"size\":50,\"query\":{\"match_phrase\":{\"message\":" + JSON.writeValueAsString(phrase) + "}}}";
        return Await.until(atLeast + " records with '" + phrase + "' in " + index, Duration.ofSeconds(30),
                () -> node.search(index, query), hits -> hits.size() >= atLeast);
    }

    private void put(String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(node.url() + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
