package dev.eddy.cluster;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A log is named by a process of the list and a plain file name: nothing else reaches the JobManager. */
class ClusterLogsTest {
    // Nothing listens here: a request that got through validation would fail to connect instead.
    private final ClusterLogs logs = new ClusterLogs(new JobManagerClient("http://127.0.0.1:9", new ObjectMapper()),
            new ClusterNodes() {
                @Override
                public ClusterPlan plan() {
                    return ClusterPlan.THREE_NODE;
                }

                @Override
                public java.util.List<NodeProcess> processes() {
                    return java.util.List.of();
                }

                @Override
                public String stateStorage() {
                    return null;
                }

                @Override
                public java.util.Map<Integer, String> jobManagers() {
                    return java.util.Map.of(2, "http://127.0.0.1:9");
                }
            });

    @Test
    void aPathInTheFileNameIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> logs.open("jobmanager", "../conf/config.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("A log file name is letters, digits, dots, dashes and underscores");
        assertThatThrownBy(() -> logs.open("jobmanager", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> logs.open("jobmanager", "..")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownProcessIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> logs.open("dispatcher", "flink.log")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Pick 'jobmanager' or 'taskmanager:<id>'");
        assertThatThrownBy(() -> logs.open("taskmanager:../../jobs", "flink.log")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> logs.open("taskmanager:..", "flink.log")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aJobManagerOfSeveralIsNamedByItsNodeNumberFromTheList() {
        assertThatThrownBy(() -> logs.open("jobmanager:7", "flink.log")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No such JobManager of the cluster: 'jobmanager:7'. Pick one from the list of logs.");
        assertThatThrownBy(() -> logs.open("jobmanager:../x", "flink.log")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> logs.open("jobmanager:2", "flink.log")).isInstanceOf(ClusterException.class)
                .hasMessageContaining("Cannot reach the Flink JobManager at http://127.0.0.1:9");
    }

    @Test
    void aValidNameGoesToTheJobManager() {
        assertThatThrownBy(() -> logs.open("taskmanager:127.0.0.1:4321-ab12", "flink.log.1"))
                .isInstanceOf(ClusterException.class).hasMessageContaining("Cannot reach the Flink JobManager");
    }
}
