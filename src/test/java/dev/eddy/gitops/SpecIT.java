package dev.eddy.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.embedded.EmbeddedStack;
import dev.eddy.integration.IntegrationService;
import dev.eddy.job.Job;
import dev.eddy.job.JobService;
import dev.eddy.support.Await;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.table.TableService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Plan and apply on the real embedded stack: a project of an integration, a Kafka table, an
 * inferred PostgreSQL table and a job copying one into the other, counted exactly in PostgreSQL.
 */
@EddyIntegrationTest
class SpecIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    @Autowired
    SpecService specs;
    @Autowired
    JobService jobs;
    @Autowired
    TableService tables;
    @Autowired
    IntegrationService integrations;
    @Autowired
    EmbeddedStack stack;

    /** One project: topic events_x → PostgreSQL table copy_x (append only: a row read twice is a row twice). */
    private final class Project {
        final String id = UUID.randomUUID().toString().substring(0, 8);
        final String project = "it-" + id;
        // After 'orders' in every list of the shared broker's topics, which other tests read first.
        final String topic = "spec_events_" + id;
        final String warehouse = "warehouse-" + id;
        final String source = "events_" + id;
        final String sink = "copy_" + id;
        final String job = "copy " + id;
        int sent;

        Project() {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers().orElseThrow()))) {
                admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            sql(s -> s.execute("CREATE TABLE " + sink + " (id BIGINT, customer TEXT, amount INT)"));
            // Only the sample roles the spec's integration uses: other tests check what other roles may do.
            sql(s -> s.execute("GRANT SELECT ON " + sink + " TO " + stack.sampleReader()[0]));
            sql(s -> s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON " + sink + " TO " + stack.sampleWriter()[0]));
        }

        String spec(String select, String extra) {
            return """
                    project: %s
                    integrations:
                      - name: %s
                        kind: postgres
                        settings:
                          host: 127.0.0.1
                          port: "%d"
                          database: sample
                          sslmode: disable
                          read.user: %s
                          write.user: %s
                        secrets:
                          read.password: {env: WAREHOUSE_READ}
                          write.password: {file: warehouse-write}
                    tables:
                      - name: %s
                        integration: local-kafka
                        source: %s
                        format: json
                        startup: earliest-offset
                        columns:
                          - {name: id, type: BIGINT}
                          - {name: customer, type: string}
                          - {name: amount, type: INT}
                      - name: %s
                        integration: %s
                        source: public.%s
                        columns: infer
                    jobs:
                      - name: %s
                        description: every event, once
                        sql: |
                          INSERT INTO %s
                          %s
                        settings:
                          execution.checkpointing.interval: 2 s
                    %s
                    """.formatted(project, warehouse, stack.postgresPort().orElseThrow(), stack.sampleReader()[0],
                    stack.sampleWriter()[0], source, topic, sink, warehouse, sink, job, sink, select, extra);
        }

        Map<String, String> values() {
            return Map.of("WAREHOUSE_READ", stack.sampleReader()[1], "warehouse-write", stack.sampleWriter()[1]);
        }

        void send(int count) {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", stack.kafkaBootstrapServers().orElseThrow(),
                    "key.serializer", StringSerializer.class.getName(),
                    "value.serializer", StringSerializer.class.getName()))) {
                for (int i = 0; i < count; i++) {
                    sent++;
                    producer.send(new ProducerRecord<>(topic, String.valueOf(sent),
                            "{\"id\":" + sent + ",\"customer\":\"c" + (sent % 7) + "\",\"amount\":1}"));
                }
                producer.flush();
            }
        }

        /** Rows, and distinct ids, in PostgreSQL. */
        long[] copied() {
            long[] counts = new long[2];
            sql(s -> {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id) FROM " + sink)) {
                    rs.next();
                    counts[0] = rs.getLong(1);
                    counts[1] = rs.getLong(2);
                }
            });
            return counts;
        }

        void awaitCopied(int rows) {
            long[] got = Await.until(rows + " rows in " + sink, WAIT, this::copied, c -> c[0] >= rows);
            assertThat(got).as("rows, distinct ids").containsExactly(rows, rows);
        }

        Job job() {
            return jobs.find(job).orElseThrow();
        }
    }

    private static final String COPY = "SELECT id, customer, amount FROM %s";

    @Test
    void aSpecCreatesEverythingInOrderAndASecondApplyFindsNothingToDo() {
        Project p = new Project();
        p.send(40);
        String spec = p.spec(COPY.formatted(p.source), "");
        SpecPlan plan = specs.plan(spec, p.values());
        assertThat(plan.changes()).extracting(PlannedChange::kind, PlannedChange::name, PlannedChange::action)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ResourceKind.INTEGRATION, p.warehouse, PlannedChange.Action.CREATE),
                        org.assertj.core.groups.Tuple.tuple(ResourceKind.TABLE, p.source, PlannedChange.Action.CREATE),
                        org.assertj.core.groups.Tuple.tuple(ResourceKind.TABLE, p.sink, PlannedChange.Action.CREATE),
                        org.assertj.core.groups.Tuple.tuple(ResourceKind.JOB, p.job, PlannedChange.Action.CREATE));
        assertThat(plan.decisions()).isEmpty();
        assertThat(plan.text()).contains("+ secret read.password from environment variable WAREHOUSE_READ")
                .doesNotContain(stack.sampleReader()[1]);

        ApplyReport report = specs.apply(spec, p.values());
        assertThat(report.failed()).as(report.text()).isFalse();
        assertThat(tables.draftOf(p.sink).columns()).extracting(c -> c.name() + " " + c.type())
                .containsExactly("id BIGINT", "customer STRING", "amount INT");
        assertThat(integrations.test(p.warehouse).ok()).isTrue();
        p.awaitCopied(40);
        assertThat(specs.managed(ResourceKind.JOB)).containsEntry(p.job, p.project);

        SpecPlan again = specs.plan(spec, p.values());
        assertThat(again.hasChanges()).as(again.text()).isFalse();
        assertThat(again.text()).contains("Nothing to do");
        ApplyReport twice = specs.apply(spec, p.values());
        assertThat(twice.changedAnything()).isFalse();
        assertThat(twice.text()).contains("Nothing to do");
        assertThat(p.job().version()).isEqualTo(1);

        // Left out of the spec, the job is stopped and deleted; the tables and the integration go with the rest.
        String empty = "project: " + p.project + "\n";
        SpecPlan teardown = specs.plan(empty, Map.of());
        // Deletions run in reverse: the job, then its tables, then the integration they use.
        assertThat(teardown.changes()).allMatch(c -> c.action() == PlannedChange.Action.DELETE)
                .extracting(PlannedChange::name).hasSize(4).startsWith(p.job).endsWith(p.warehouse)
                .contains(p.source, p.sink);
        assertThat(specs.apply(empty, Map.of()).failed()).isFalse();
        assertThat(jobs.find(p.job)).isEmpty();
        assertThat(integrations.find(p.warehouse)).isEmpty();
    }

    @Test
    void anIncompatibleEditIsRefusedUntilStatelessAndThenKeepsTheKafkaPositionsExactly() {
        Project p = new Project();
        p.send(60);
        String v1 = p.spec(COPY.formatted(p.source), "");
        assertThat(specs.apply(v1, p.values()).failed()).isFalse();
        p.awaitCopied(60);
        p.send(30);
        p.awaitCopied(90);

        // A filter adds an operator: the plan changes shape and the source's state has no place.
        String v2 = p.spec(COPY.formatted(p.source) + " WHERE amount >= 0", "");
        SpecPlan plan = specs.plan(v2, p.values());
        PlannedChange change = plan.changes().stream().filter(c -> c.name().equals(p.job)).findFirst().orElseThrow();
        assertThat(change.action()).isEqualTo(PlannedChange.Action.CHANGE);
        assertThat(change.details()).contains("+ sql: " + COPY.formatted(p.source) + " WHERE amount >= 0");
        assertThat(change.decision()).contains("TableSourceScan").contains("upgrade: stateless");
        assertThatThrownBy(() -> specs.apply(v2, p.values())).isInstanceOf(SpecException.class)
                .hasMessageContaining("Nothing was applied");
        assertThat(p.job().version()).isEqualTo(1);

        String stateless = v2.replace("execution.checkpointing.interval: 2 s",
                "execution.checkpointing.interval: 2 s\n    upgrade: stateless");
        assertThat(stateless).contains("upgrade: stateless");
        SpecPlan accepted = specs.plan(stateless, p.values());
        assertThat(accepted.decisions()).isEmpty();
        ApplyReport report = specs.apply(stateless, p.values());
        assertThat(report.failed()).as(report.text()).isFalse();
        Job upgraded = p.job();
        assertThat(upgraded.version()).isEqualTo(2);
        assertThat(upgraded.runningVersion()).isEqualTo(2);
        // The table starts at the earliest offset: without the kept positions the 90 would be copied again.
        p.send(30);
        p.awaitCopied(120);
        Await.until("the job running", WAIT, () -> jobs.get(upgraded.id()).state(), "RUNNING"::equals);
        assertThat(p.copied()).containsExactly(120, 120);
        assertThat(specs.plan(stateless, p.values()).hasChanges()).isFalse();
        assertThat(specs.apply("project: " + p.project + "\n", Map.of()).failed()).isFalse();
    }

    @Test
    void aCompatibleEditPlansAsADiffAndKeepsTheStateWithASavepointOrTheLastCheckpoint() {
        Project p = new Project();
        p.send(30);
        assertThat(specs.apply(p.spec(COPY.formatted(p.source) + " WHERE amount >= 0", ""), p.values()).failed())
                .isFalse();
        p.awaitCopied(30);

        String v2 = p.spec(COPY.formatted(p.source) + " WHERE amount >= -1", "");
        PlannedChange change = specs.plan(v2, p.values()).changes().stream().filter(c -> c.name().equals(p.job))
                .findFirst().orElseThrow();
        assertThat(change.details()).containsExactly("- sql: " + COPY.formatted(p.source) + " WHERE amount >= 0",
                "+ sql: " + COPY.formatted(p.source) + " WHERE amount >= -1");
        assertThat(change.state()).contains("maps onto the new version").contains("TableSourceScan");
        assertThat(change.decision()).isNull();
        ApplyReport report = specs.apply(v2, p.values());
        assertThat(report.failed()).as(report.text()).isFalse();
        Job v2Job = p.job();
        assertThat(v2Job.runningVersion()).isEqualTo(2);
        assertThat(jobs.runs(v2Job.id()).get(0).restoredFrom()).as("started from the savepoint").contains("savepoint");
        p.send(30);
        p.awaitCopied(60);

        // last-state: cancelled and started from the run's latest checkpoint (at least once: none lost).
        Await.until("a checkpoint of version 2", WAIT, () -> jobs.runs(v2Job.id()).get(0).lastCheckpoint(),
                cp -> cp != null);
        String v3 = p.spec(COPY.formatted(p.source) + " WHERE amount >= -2", "").replace(
                "execution.checkpointing.interval: 2 s", "execution.checkpointing.interval: 2 s\n    upgrade: last-state");
        report = specs.apply(v3, p.values());
        assertThat(report.failed()).as(report.text()).isFalse();
        assertThat(p.job().runningVersion()).isEqualTo(3);
        assertThat(jobs.runs(v2Job.id()).get(0).restoredFrom()).as("started from a checkpoint").contains("chk-");
        p.send(30);
        long[] got = Await.until("every id in " + p.sink, WAIT, p::copied, c -> c[1] >= 90);
        assertThat(got[1]).isEqualTo(90);
        assertThat(specs.apply("project: " + p.project + "\n", Map.of()).failed()).isFalse();
    }

    @Test
    void aJobCanBeCreatedStoppedAndStartedByChangingItsDesiredState() {
        Project p = new Project();
        p.send(10);
        String stopped = p.spec(COPY.formatted(p.source), "").replace("execution.checkpointing.interval: 2 s",
                "execution.checkpointing.interval: 2 s\n    state: stopped");
        assertThat(specs.apply(stopped, p.values()).failed()).isFalse();
        assertThat(p.job().shouldRun()).isFalse();
        assertThat(p.job().flinkJobId()).isNull();
        assertThat(p.copied()).containsExactly(0, 0);

        String running = p.spec(COPY.formatted(p.source), "");
        assertThat(specs.plan(running, p.values()).changes()).filteredOn(c -> c.name().equals(p.job)).singleElement()
                .satisfies(c -> assertThat(c.details()).contains("~ state: stopped → running"));
        assertThat(specs.apply(running, p.values()).failed()).isFalse();
        p.awaitCopied(10);
        assertThat(specs.apply("project: " + p.project + "\n", Map.of()).failed()).isFalse();
    }

    @Test
    void exportThenDeleteThenApplyBringsBackTheSameIntegrationTablesAndRunningJob() {
        Project p = new Project();
        p.send(20);
        assertThat(specs.apply(p.spec(COPY.formatted(p.source), ""), p.values()).failed()).isFalse();
        p.awaitCopied(20);

        Spec all = SpecFile.read(specs.export("moved"));
        Spec mine = new Spec("moved-" + p.id,
                all.integrations().stream().filter(i -> i.name().equals(p.warehouse)).toList(),
                all.tables().stream().filter(t -> t.name().endsWith(p.id)).toList(),
                all.jobs().stream().filter(j -> j.name().equals(p.job)).toList());
        assertThat(mine.integrations().get(0).secrets()).containsOnlyKeys("read.password", "write.password");
        assertThat(mine.integrations().get(0).secrets().get("write.password").env())
                .isEqualTo(SpecExport.envName(p.warehouse, "write.password"));
        String exported = SpecFile.write(mine);
        assertThat(exported).doesNotContain(stack.sampleWriter()[1]).contains("INSERT INTO " + p.sink);

        // Everything gone, as if on a fresh Eddy.
        specs.apply("project: " + p.project + "\n", Map.of());
        assertThat(jobs.find(p.job)).isEmpty();
        assertThat(integrations.find(p.warehouse)).isEmpty();

        Map<String, String> values = Map.of(SpecExport.envName(p.warehouse, "read.password"), stack.sampleReader()[1],
                SpecExport.envName(p.warehouse, "write.password"), stack.sampleWriter()[1]);
        ApplyReport restored = specs.apply(exported, values);
        assertThat(restored.failed()).as(restored.text()).isFalse();
        assertThat(integrations.test(p.warehouse).ok()).isTrue();
        assertThat(SpecFile.read(specs.export("moved")).tables().stream().filter(t -> t.name().endsWith(p.id)).toList())
                .isEqualTo(mine.tables());
        Await.until("the job running again", WAIT, () -> p.job().state(), "RUNNING"::equals);
        assertThat(specs.plan(exported, values).hasChanges()).isFalse();
        assertThat(specs.apply("project: " + mine.project() + "\n", Map.of()).failed()).isFalse();
    }

    private void sql(SqlWork work) {
        try (Connection c = DriverManager.getConnection(stack.postgresUrl("sample").orElseThrow(), stack.postgresUser(),
                stack.postgresPassword()); Statement s = c.createStatement()) {
            work.run(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface SqlWork {
        void run(Statement s) throws Exception;
    }
}
