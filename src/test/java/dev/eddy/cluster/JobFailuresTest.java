package dev.eddy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What a job's details say about it waiting for task slots, read as the JobManager REST API gives them. */
class JobFailuresTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRunningJobWithScheduledTasksWaitsForSlots() throws Exception {
        assertThat(JobFailures.waitsForSlots(details("RUNNING", 1, 0, 0))).as("as the embedded cluster shows it").isTrue();
        assertThat(JobFailures.waitsForSlots(details("RUNNING", 0, 1, 0))).isTrue();
    }

    @Test
    void aJobWhoseTasksAllRunOrThatEndedDoesNotWait() throws Exception {
        assertThat(JobFailures.waitsForSlots(details("RUNNING", 0, 0, 2))).isFalse();
        assertThat(JobFailures.waitsForSlots(details("CANCELED", 1, 0, 0))).isFalse();
        assertThat(JobFailures.waitsForSlots(JSON.readTree("{\"state\":\"RUNNING\"}"))).isFalse();
    }

    @Test
    void slotTimeoutsAreRecognisedInFlinksWords() {
        assertThat(JobFailures.lacksSlots("org.apache.flink.runtime.jobmanager.scheduler.NoResourceAvailableException: "
                + "Could not acquire the minimum required resources.")).isTrue();
        assertThat(JobFailures.lacksSlots("java.lang.ArithmeticException: / by zero")).isFalse();
        assertThat(JobFailures.lacksSlots(null)).isFalse();
    }

    @Test
    void aJobNameIsShownOnOneShortLine() {
        assertThat(JobFailures.shortName("SELECT `orders`.`order_id`\nFROM  `eddy`.`default_database`.`orders`"))
                .isEqualTo("SELECT `orders`.`order_id` FROM `eddy`.`default_database`.`…");
        assertThat(JobFailures.shortName("orders to postgres")).isEqualTo("orders to postgres");
    }

    private static JsonNode details(String state, int created, int scheduled, int running) throws Exception {
        return JSON.readTree("""
                {"jid":"j","state":"%s","status-counts":{"CREATED":%d,"SCHEDULED":%d,"DEPLOYING":0,"RUNNING":%d,
                 "FINISHED":0,"CANCELING":0,"CANCELED":0,"FAILED":0,"RECONCILING":0,"INITIALIZING":0}}"""
                .formatted(state, created, scheduled, running));
    }
}
