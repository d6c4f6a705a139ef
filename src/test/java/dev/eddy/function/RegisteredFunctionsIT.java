package dev.eddy.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.eddy.embedded.EmbeddedStack;
import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.ResultRow;
import dev.eddy.gateway.StatementResult;
import dev.eddy.job.Job;
import dev.eddy.job.JobDraft;
import dev.eddy.job.JobService;
import dev.eddy.job.JobSettings;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.sql.CompletionService;
import dev.eddy.sql.SqlAssistant;
import dev.eddy.support.Await;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.UdfJar;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
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
 * A library's functions registered in Eddy's catalog, called from new sessions (a scalar, a table
 * and an aggregate function, loaded by Flink from the JAR the catalog writes out of the store, never
 * from the test's class path), used by a job writing to PostgreSQL; a new version of the library
 * moves the registration, flags the job, and leaves the running job on the code it started with.
 */
@EddyIntegrationTest
class RegisteredFunctionsIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    @Autowired
    FunctionLibraries libraries;
    @Autowired
    RegisteredFunctions functions;
    @Autowired
    QueryService queries;
    @Autowired
    JobService jobs;
    @Autowired
    EmbeddedStack stack;
    @Autowired
    CompletionService completion;
    @Autowired
    dev.eddy.cluster.JobFailures failures;
    @Autowired
    dev.eddy.catalog.SchemaService schema;
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String library = "strings-" + id;
    private final String shout = "shout_" + id;
    private final String topic = "fn_people_" + id;
    private final String sink = "fn_loud_" + id;
    private int sent;

    @Test
    void aLibrarysFunctionsRunInQueriesAndJobsAndANewVersionFlagsTheJobWithoutBreakingIt() throws Exception {
        libraries.upload(library, "strings-1.0.jar", UdfJar.version1());
        List<String> registered = new ArrayList<>(List.of(shout));
        try {
            RegisteredFunctions.Registered loud = functions.register(library, "dev.eddy.udf.Shout", shout);
            assertThat(loud.source()).isEqualTo(library + " v1");
            assertThat(loud.signatures()).containsExactly("(STRING) → STRING");
            functions.register(library, "dev.eddy.udf.SplitWords", "split_" + id);
            registered.add("split_" + id);
            functions.register(library, "dev.eddy.udf.LongestLength", "longest_" + id);
            registered.add("longest_" + id);

            try (SqlConsole console = queries.openConsole("it-functions")) {
                assertThat(values(console.collect("SELECT " + shout + "('hello')", 10))).containsExactly("HELLO!");
                assertThat(values(console.collect("SELECT w FROM (VALUES ('to be or')) AS t(s), LATERAL TABLE(split_"
                        + id + "(s)) AS x(w)", 10))).containsExactly("to", "be", "or");
                assertThat(values(console.collect("SELECT longest_" + id + "(s) FROM (VALUES ('a'), ('abcd'), ('ab')) "
                        + "AS t(s)", 10))).last().isEqualTo("4");
                assertThat(values(console.collect("SHOW USER FUNCTIONS", 100))).contains(shout, "split_" + id);

                // An admin's own SQL: a temporary function for the session, and a catalog function kept with its JAR's URI.
                String jar = java.nio.file.Files.write(java.nio.file.Files.createTempFile("strings-", ".jar"),
                        UdfJar.version1()).toUri().toString();
                console.collect("CREATE TEMPORARY FUNCTION temp_" + id + " AS 'dev.eddy.udf.Shout' USING JAR '" + jar + "'", 1);
                assertThat(values(console.collect("SELECT temp_" + id + "('temp')", 10))).containsExactly("TEMP!");
                console.collect("CREATE FUNCTION sql_" + id + " AS 'dev.eddy.udf.Shout' USING JAR '" + jar + "'", 1);
                registered.add("sql_" + id);
                assertThat(functions.list()).filteredOn(f -> f.name().equals("sql_" + id)).singleElement()
                        .satisfies(f -> assertThat(f.source()).isEqualTo(jar));

                // An exception thrown inside a function names the function, its class and library version.
                functions.register(library, "dev.eddy.udf.Ratio", "ratio_" + id);
                registered.add("ratio_" + id);
                assertThat(values(console.collect("SELECT ratio_" + id + "(9, 3)", 10))).containsExactly("3");
                SqlAssistant assistant = completion.assistant(console);
                assistant.readNow();
                // Completion and the schema tree show a registered function's signature and library version.
                assertThat(assistant.complete("SELECT " + shout.substring(0, 7), 7 + shout.substring(0, 7).length(), true)
                        .options()).filteredOn(o -> o.label().equals(shout)).singleElement()
                        .satisfies(o -> assertThat(o.detail()).isEqualTo("(STRING) → STRING · " + library + " v1"));
                assertThat(schema.flink(console).stream().flatMap(RegisteredFunctionsIT::nodes)
                        .filter(n -> n.label().equals("longest_" + id)).findFirst().orElseThrow().detail())
                        .isEqualTo("(STRING) → INT · " + library + " v1");
                GatewayException failed = catchThrowableOfType(GatewayException.class,
                        () -> console.collect("SELECT ratio_" + id + "(1, 0)", 10));
                assertThat(assistant.withHints(failed, "SELECT ratio_" + id + "(1, 0)").getMessage())
                        .startsWith("The function ratio_" + id + " (dev.eddy.udf.Ratio from " + library + " v1) failed: ")
                        .contains("by zero");
            }
            assertThatThrownBy(() -> functions.register(library, "dev.eddy.udf.Shout", shout))
                    .hasMessageContaining("There is already a function named " + shout + " (" + library + " v1)");
            assertThatThrownBy(() -> functions.register(library, "dev.eddy.udf.Texts", "texts_" + id))
                    .hasMessageStartingWith("Version 1 of " + library + " has no function class dev.eddy.udf.Texts");
            assertThatThrownBy(() -> functions.register(library, "dev.eddy.udf.Shout", "upper"))
                    .hasMessageStartingWith("UPPER is one of Flink's own functions");
            assertThatThrownBy(() -> libraries.delete(library)).hasMessageContaining("drop them first");

            Job job = deployJob();
            try {
                assertThat(jobs.version(job.id(), job.version()).libraryVersions()).containsExactly(Map.entry(library, 1));
                send("ada", "grace");
                awaitRows(List.of("1 ADA!", "2 GRACE!"));
                assertThat(jobs.olderLibraries(job)).isEmpty();
                aJobFailingInsideAFunctionSaysWhichFunction();

                LibraryVersion second = libraries.upload(library, "strings-2.0.jar", UdfJar.version2());
                assertThat(second.version()).isEqualTo(2);
                assertThat(functions.list()).filteredOn(f -> f.name().equals(shout)).singleElement()
                        .satisfies(f -> assertThat(f.source()).isEqualTo(library + " v2"))
                        .satisfies(f -> assertThat(f.signatures()).containsExactly("(STRING, INT) → STRING"));
                assertThat(jobs.olderLibraries(jobs.get(job.id()))).containsExactly(library + " (v1, now v2)");

                // The running job keeps version 1's code: one argument, one exclamation mark.
                send("linus");
                awaitRows(List.of("1 ADA!", "2 GRACE!", "3 LINUS!"));
                // A restart (not a redeploy) runs the version's own code: v2's shout needs two arguments.
                jobs.stop(job.id());
                jobs.restart(job.id());
                send("alan");
                awaitRows(List.of("1 ADA!", "2 GRACE!", "3 LINUS!", "4 ALAN!"));
                assertThat(jobs.olderLibraries(jobs.get(job.id()))).containsExactly(library + " (v1, now v2)");
                try (SqlConsole console = queries.openConsole("it-functions-v2")) {
                    assertThat(values(console.collect("SELECT " + shout + "('hi', 3)", 10))).containsExactly("HI!!!");
                    assertThat(values(console.collect("SELECT sql_" + id + "('kept')", 10))).as("another session")
                            .containsExactly("KEPT!");
                    // A call that fits none of the function's signatures gets them as the hint.
                    SqlAssistant assistant = completion.assistant(console);
                    assistant.readNow();
                    GatewayException wrong = catchThrowableOfType(GatewayException.class,
                            () -> console.collect("SELECT " + shout + "('hi')", 10));
                    assertThat(assistant.withHints(wrong, "SELECT " + shout + "('hi')").hint())
                            .as(wrong.getMessage()).hasValue(shout + " takes (STRING, INT) → STRING: dev.eddy.udf.Shout from "
                                    + library + " v2.");
                }
            } finally {
                if (jobs.get(job.id()).isActive()) {
                    jobs.cancel(job.id());
                }
                Await.until("the job to stop", WAIT, () -> jobs.get(job.id()).isActive(), active -> !active);
                jobs.delete(job.id());
            }
        } finally {
            registered.forEach(name -> {
                try {
                    functions.drop(name);
                } catch (FunctionLibraryException gone) {
                    // never registered
                }
            });
            libraries.delete(library);
        }
    }

    /** Every row divides by zero inside ratio: the job's failure names the function and its library version. */
    private void aJobFailingInsideAFunctionSaysWhichFunction() {
        try (SqlConsole console = queries.openConsole("it-functions-void")) {
            console.collect("CREATE TABLE fn_void_" + id + " (x INT) WITH ('connector' = 'blackhole')", 1);
        }
        Job failing = jobs.deploy(new JobDraft("ratio " + id, "", "INSERT INTO fn_void_" + id + " SELECT ratio_" + id
                + "(1, CAST(id - id AS INT)) FROM " + topic, JobSettings.defaults()));
        try {
            String failure = Await.until("the job's failure", WAIT, () -> failures.health(jobs.get(failing.id())
                    .flinkJobId()).failure(), java.util.Optional::isPresent).orElseThrow();
            assertThat(failure).startsWith("The function ratio_" + id + " (dev.eddy.udf.Ratio from " + library
                    + " v1) failed: ").contains("by zero");
        } finally {
            if (jobs.get(failing.id()).isActive()) {
                jobs.cancel(failing.id());
            }
            Await.until("the failing job to stop", WAIT, () -> jobs.get(failing.id()).isActive(), active -> !active);
            jobs.delete(failing.id());
        }
    }

    private Job deployJob() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers().orElseThrow()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        postgres(s -> {
            s.execute("CREATE TABLE " + sink + " (id BIGINT PRIMARY KEY, loud TEXT)");
            s.execute("GRANT SELECT, INSERT, UPDATE ON " + sink + " TO " + stack.sampleWriter()[0]);
        });
        try (SqlConsole console = queries.openConsole("it-functions-tables")) {
            console.collect("CREATE TABLE " + topic + " (id BIGINT, name STRING) WITH ('connector' = 'kafka', "
                    + "'eddy.integration' = 'local-kafka', 'topic' = '" + topic + "', 'format' = 'json', "
                    + "'scan.startup.mode' = 'earliest-offset')", 1);
            console.collect("CREATE TABLE " + sink + " (id BIGINT, loud STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ("
                    + "'connector' = 'jdbc', 'eddy.integration' = 'sample-postgres', 'table-name' = '" + sink + "')", 1);
        }
        return jobs.deploy(new JobDraft("loud names " + id, "", "INSERT INTO " + sink + " SELECT id, " + shout
                + "(name) FROM " + topic, JobSettings.defaults().with(JobSettings.CHECKPOINT_INTERVAL, "1 s")));
    }

    private static java.util.stream.Stream<dev.eddy.catalog.SchemaNode> nodes(dev.eddy.catalog.SchemaNode node) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(node),
                node.children().stream().flatMap(RegisteredFunctionsIT::nodes));
    }

    private static List<String> values(StatementResult result) {
        return result.rows().stream().map(ResultRow::fields).map(f -> String.valueOf(f.get(0))).toList();
    }

    private void send(String... names) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", stack.kafkaBootstrapServers().orElseThrow(),
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName()))) {
            for (String name : names) {
                sent++;
                producer.send(new ProducerRecord<>(topic, "{\"id\":" + sent + ",\"name\":\"" + name + "\"}"));
            }
            producer.flush();
        }
    }

    private void awaitRows(List<String> expected) {
        List<String> got = Await.until(expected.size() + " rows in " + sink, WAIT, this::rows,
                r -> r.size() >= expected.size());
        assertThat(got).containsExactlyElementsOf(expected);
    }

    private List<String> rows() {
        List<String> rows = new ArrayList<>();
        postgres(s -> {
            try (ResultSet rs = s.executeQuery("SELECT id, loud FROM " + sink + " ORDER BY id")) {
                while (rs.next()) {
                    rows.add(rs.getLong(1) + " " + rs.getString(2));
                }
            }
        });
        return rows;
    }

    private interface Sql {
        void run(Statement s) throws Exception;
    }

    private void postgres(Sql sql) {
        try (Connection c = DriverManager.getConnection(stack.postgresUrl("sample").orElseThrow(),
                stack.postgresUser(), stack.postgresPassword()); Statement s = c.createStatement()) {
            sql.run(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
