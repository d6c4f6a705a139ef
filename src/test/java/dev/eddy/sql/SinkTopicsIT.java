package dev.eddy.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.config.Endpoints;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.TopicPlace;
import dev.eddy.integration.TopicService;
import dev.eddy.job.JobException;
import dev.eddy.job.JobService;
import dev.eddy.job.JobSettings;
import dev.eddy.query.QueryReport;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.RecordingListener;
import dev.eddy.table.ColumnSpec;
import dev.eddy.table.TableDraft;
import dev.eddy.table.TableService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An INSERT into a Kafka topic that does not exist is refused at once, in words, and the topic can be made. */
@EddyIntegrationTest
class SinkTopicsIT {
    @Autowired
    QueryService queries;
    @Autowired
    IntegrationService integrations;
    @Autowired
    TopicService topics;
    @Autowired
    TableService tables;
    @Autowired
    JobService jobs;
    @Autowired
    Endpoints endpoints;
    @Autowired
    dev.eddy.cluster.JobManagerClient jobManager;

    @Test
    void anInsertIntoAMissingTopicIsRefusedAtOnceAndRunsOnceTheTopicIsCreated() throws Exception {
        try (SqlConsole console = queries.openConsole("sink-topics-it")) {
            RecordingListener setup = new RecordingListener();
            console.run("CREATE TEMPORARY TABLE missing_sink (order_id BIGINT) WITH ('connector' = 'kafka', "
                    + "'topic' = 'sink_topics_it', 'properties.bootstrap.servers' = '"
                    + endpoints.kafkaBootstrapServers() + "', 'format' = 'json')", setup);
            setup.finished.get(30, TimeUnit.SECONDS);

            RecordingListener insert = new RecordingListener();
            long t0 = System.nanoTime();
            console.run("INSERT INTO missing_sink SELECT order_id FROM orders", insert);
            var error = insert.failed.get(30, TimeUnit.SECONDS);
            System.out.printf("A missing topic was reported %.1f s after the INSERT%n", (System.nanoTime() - t0) / 1e9);
            assertThat(error).isInstanceOf(MissingTopicException.class);
            assertThat(error.getMessage()).isEqualTo("Topic sink_topics_it does not exist in the Kafka at "
                    + endpoints.kafkaBootstrapServers() + ", and table missing_sink writes to it");
            assertThat(error.hint()).hasValueSatisfying(h -> assertThat(h).contains("Create the topic"));

            MissingTopicException missing = (MissingTopicException) error;
            topics.create(missing.place(), missing.topic(), 2, (short) 1, Optional.of(Duration.ofDays(1)));
            assertThat(topics.exists(missing.place(), "sink_topics_it")).contains(true);
            RecordingListener again = new RecordingListener();
            console.run("INSERT INTO missing_sink SELECT order_id FROM orders", again);
            QueryReport report = again.finished.get(30, TimeUnit.SECONDS);
            assertThat(report.jobId()).as("the INSERT's job was submitted").isPresent();
            jobManager.cancel(report.jobId().get());
        }
    }

    @Test
    void aCatalogTableOverAnIntegrationNamesItAndSuggestsTheTopicMeant() {
        tables.create(new TableDraft("typo_sink", "local-kafka", TableDraft.Connector.KAFKA, "order", "json", null,
                "earliest-offset", List.of(new ColumnSpec("order_id", "BIGINT", null, null)), null, 0, List.of(),
                Map.of(), null));
        try {
            integrations.refresh("local-kafka");
            assertThatThrownBy(() -> jobs.explain("INSERT INTO typo_sink SELECT order_id FROM orders",
                    JobSettings.defaults()))
                    .isInstanceOf(JobException.class)
                    .hasMessageStartingWith("Topic order does not exist in integration local-kafka, and table ")
                    .hasMessageContaining("Did you mean orders?");
        } finally {
            tables.drop("typo_sink");
        }
    }

    @Test
    void topicNamesAndSizesAreChecked() {
        TopicPlace place = TopicPlace.of("local-kafka");
        assertThatThrownBy(() -> topics.create(place, "bad name!", 1, (short) 1, Optional.empty()))
                .hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> topics.create(place, "fine", 0, (short) 1, Optional.empty()))
                .hasMessageContaining("Partitions go from 1");
    }
}
