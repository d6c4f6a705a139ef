package dev.eddy.api.v1;

import dev.eddy.config.Secret;
import dev.eddy.integration.ConnectionCheck;
import dev.eddy.integration.Integration;
import dev.eddy.integration.IntegrationDraft;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.Metadata;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Kafka, PostgreSQL and OpenSearch services over HTTP: list, read, save (admin), test, and what they hold or receive. */
@RestController
@RequestMapping("/api/v1/integrations")
@Tag(name = "Integrations", description = "Kafka and PostgreSQL services and what they hold; OpenSearch services Eddy ships logs to")
class IntegrationsApi {
    private final IntegrationService integrations;
    private final dev.eddy.observe.MetricsExport metricsExport;
    private final dev.eddy.observe.LogShipping logShipping;

    IntegrationsApi(IntegrationService integrations, dev.eddy.observe.MetricsExport metricsExport,
            dev.eddy.observe.LogShipping logShipping) {
        this.integrations = integrations;
        this.metricsExport = metricsExport;
        this.logShipping = logShipping;
    }

    /** Where Eddy's metrics go in a PostgreSQL integration's database. */
    record MetricsExportRequest(String table) {}

    /** An integration as a request writes it: secrets in the clear, over TLS, never sent back. */
    record IntegrationRequest(IntegrationKind kind, Map<String, String> settings, Map<String, String> secrets) {}

    /** The outcome of a connection test: in words, with a line per credential. */
    record Check(boolean ok, String summary, List<String> details, long tookMillis) {
        static Check of(ConnectionCheck c) {
            return new Check(c.ok(), c.summary(), c.details(), c.took().toMillis());
        }
    }

    @GetMapping
    @Operation(summary = "Every integration (viewer)")
    List<Integration> list() {
        return integrations.list();
    }

    @GetMapping("/{name}")
    @Operation(summary = "One integration; secrets are only named in secretsSet (viewer)")
    Integration get(@PathVariable String name) {
        return integrations.get(name);
    }

    @PutMapping("/{name}")
    @Operation(summary = "Create or change an integration (admin); a secret left out keeps its stored value")
    Integration save(@PathVariable String name, @RequestBody IntegrationRequest request) {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        if (request.secrets() != null) {
            request.secrets().forEach((k, v) -> secrets.put(k, Secret.of(v == null ? "" : v)));
        }
        return integrations.save(new IntegrationDraft(name, request.kind(),
                request.settings() == null ? Map.of() : request.settings(), secrets));
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an integration no table uses (admin)")
    void delete(@PathVariable String name) {
        integrations.delete(name);
    }

    @PostMapping("/{name}/test")
    @Operation(summary = "Test the saved integration's connection with every credential (admin)")
    Check test(@PathVariable String name) {
        return Check.of(integrations.test(name));
    }

    @GetMapping("/{name}/metadata")
    @Operation(summary = "Topics and consumer groups, or PostgreSQL tables; refresh=true reads them now (viewer)")
    Metadata metadata(@PathVariable String name, @RequestParam(defaultValue = "false") boolean refresh) {
        return refresh ? integrations.refresh(name) : integrations.metadata(name);
    }

    @GetMapping("/{name}/metrics-export")
    @Operation(summary = "Whether Eddy sends its metrics to this PostgreSQL integration: table, rows sent, waiting, "
            + "dropped, the last problem (viewer); 404 when it does not")
    dev.eddy.observe.MetricsExport.Export metricsExport(@PathVariable String name) {
        return metricsExport.export(name).orElseThrow(() -> dev.eddy.integration.IntegrationException.missing(
                "Eddy's metrics are not sent to " + name + ": PUT a table to send them"));
    }

    @PutMapping("/{name}/metrics-export")
    @Operation(summary = "Send Eddy's metrics to this PostgreSQL integration, appended to {\"table\": \"eddy_metrics\"} "
            + "every 15 s (admin)")
    dev.eddy.observe.MetricsExport.Export enableMetricsExport(@PathVariable String name, @RequestBody MetricsExportRequest r) {
        return metricsExport.enable(name, r.table());
    }

    @DeleteMapping("/{name}/metrics-export")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Stop sending Eddy's metrics to this integration (admin)")
    void disableMetricsExport(@PathVariable String name) {
        metricsExport.disable(name);
    }

    @GetMapping("/{name}/log-shipping")
    @Operation(summary = "How shipping logs to this OpenSearch integration goes: index pattern, level, records shipped, "
            + "waiting, dropped and refused, the last problem (viewer); 404 for another kind")
    dev.eddy.observe.LogShipping.Shipping logShipping(@PathVariable String name) {
        integrations.get(name);
        return logShipping.shipping(name).orElseThrow(() -> dev.eddy.integration.IntegrationException.missing(
                "No logs are shipped to " + name + ": only OpenSearch integrations receive them (within 10 s of being saved)"));
    }

    @PutMapping("/{name}/developer-access")
    @Operation(summary = "Whether developers may write through this integration: read-write or read-only (admin)")
    Integration developerAccess(@PathVariable String name, @RequestParam boolean readOnly) {
        return integrations.setDevelopersReadOnly(name, readOnly);
    }
}
