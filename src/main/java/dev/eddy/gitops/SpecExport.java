package dev.eddy.gitops;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.integration.Integration;
import dev.eddy.integration.IntegrationService;
import dev.eddy.job.Job;
import dev.eddy.job.JobService;
import dev.eddy.job.JobVersion;
import dev.eddy.table.TableDraft;
import dev.eddy.table.TableInfo;
import dev.eddy.table.TableService;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Writes what Eddy has as a spec, so an installation made by clicking can move to Git: every
 * integration (secrets as references to environment variables, never their values), table and
 * job. Built-in integrations are Eddy's own and are left out; tables may still use them.
 */
@Component
class SpecExport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final IntegrationService integrations;
    private final TableService tables;
    private final JobService jobs;

    SpecExport(IntegrationService integrations, TableService tables, JobService jobs) {
        this.integrations = integrations;
        this.tables = tables;
        this.jobs = jobs;
    }

    /** A spec, and what a spec cannot hold (views, tables of other connectors), in words. */
    record Exported(Spec spec, List<String> leftOut) {}

    Exported export(String project) {
        List<String> leftOut = new java.util.ArrayList<>();
        List<IntegrationSpec> integrationSpecs = integrations.list().stream().filter(i -> !i.builtIn())
                .map(SpecExport::integration).toList();
        List<TableSpec> tableSpecs = new java.util.ArrayList<>();
        for (TableInfo t : tables.list()) {
            if (t.view()) {
                leftOut.add("view " + t.name() + " (a spec holds tables: create views in SQL)");
            } else if (!SPEC_CONNECTORS.contains(t.connector()) || t.integration() == null || t.integration().isBlank()) {
                leftOut.add("table " + t.name() + " (connector " + t.connector() + " without an integration: "
                        + "a spec holds Kafka and PostgreSQL tables of an integration)");
            } else {
                tableSpecs.add(table(tables.draftOf(t.name())));
            }
        }
        List<JobSpec> jobSpecs = jobs.list().stream().map(this::job).toList();
        return new Exported(new Spec(project, integrationSpecs, tableSpecs, jobSpecs), leftOut);
    }

    private static final java.util.Set<String> SPEC_CONNECTORS = java.util.Set.of("kafka", "upsert-kafka", "jdbc");

    private static IntegrationSpec integration(Integration i) {
        Map<String, IntegrationSpec.SecretRef> secrets = new TreeMap<>();
        i.secretsSet().forEach(key -> secrets.put(key, new IntegrationSpec.SecretRef(envName(i.name(), key), null)));
        return new IntegrationSpec(i.name(), i.kind().name().toLowerCase(Locale.ROOT), i.settings(), secrets,
                i.developersReadOnly() ? Boolean.TRUE : null);
    }

    /** The environment variable a secret is exported as: WAREHOUSE_READ_PASSWORD. */
    static String envName(String integration, String key) {
        return (integration + "_" + key).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    }

    private static TableSpec table(TableDraft d) {
        List<TableSpec.Column> columns = d.columns().stream().map(c -> c.computed()
                ? new TableSpec.Column(c.name(), null, c.expression()) : new TableSpec.Column(c.name(), c.type(), null))
                .toList();
        TableSpec.Watermark watermark = d.watermarkColumn() == null || d.watermarkColumn().isBlank() ? null
                : new TableSpec.Watermark(d.watermarkColumn(), d.watermarkDelaySeconds());
        return new TableSpec(d.name(), d.integration(), d.connector().id(), d.source(),
                d.connector() == TableDraft.Connector.JDBC ? null : d.valueFormat(), d.keyFormat(), d.startupMode(),
                JSON.valueToTree(columns), watermark, d.primaryKey(), d.options(), d.comment());
    }

    private JobSpec job(Job job) {
        JobVersion v = jobs.version(job.id(), job.version());
        return new JobSpec(job.name(), job.description(), v.statement() + "\n", JobPlanner.specSettings(v.settings()),
                job.shouldRun() ? "running" : "stopped", null);
    }
}
