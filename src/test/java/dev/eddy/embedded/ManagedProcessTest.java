package dev.eddy.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pieces of a cluster Eddy runs as processes, without starting Flink. */
class ManagedProcessTest {
    @TempDir
    Path dir;

    @Test
    void aPidFileNamingAnotherProgramIsNotTakenOver() throws Exception {
        ManagedProcess process = new ManagedProcess("The TaskManager", dir.resolve("taskmanager-1"));
        Files.createDirectories(dir.resolve("taskmanager-1"));
        // A live process that is not ours: this test JVM (a pid reused after a reboot looks the same).
        Files.writeString(dir.resolve("taskmanager-1/pid"), ProcessHandle.current().pid() + "\n");
        assertThat(process.adopt()).isFalse();
        Files.writeString(dir.resolve("taskmanager-1/pid"), "not a pid\n");
        assertThat(process.adopt()).isFalse();
    }

    @Test
    void aProcessItStartedIsFoundAgainByAnotherInstanceAndStopped() throws Exception {
        ManagedProcess first = new ManagedProcess("A sleeper", dir.resolve("sleeper"));
        first.start(List.of(), System.getProperty("java.class.path"), Sleeper.class.getName(), List.of());
        try {
            ManagedProcess again = new ManagedProcess("A sleeper", dir.resolve("sleeper"));
            assertThat(again.adopt()).as("the next Eddy takes the running process over").isTrue();
            assertThat(again.pid()).isEqualTo(first.pid());
            again.stop(5_000);
            assertThat(first.isAlive()).isFalse();
            assertThat(dir.resolve("sleeper/pid")).doesNotExist();
        } finally {
            first.stop(1_000);
        }
    }

    @Test
    void processesOfASingleNodeLeftRunningAreStoppedWhenThePlanChanged() throws Exception {
        ManagedProcess taskManager = new ManagedProcess("The TaskManager", dir.resolve("nodes/taskmanager-1"));
        taskManager.start(List.of(), System.getProperty("java.class.path"), Sleeper.class.getName(), List.of());
        try {
            assertThat(FlinkCluster.nodesFoundRunning(dir)).as("no JobManager: nothing holds the REST port").isFalse();
            FlinkCluster.stopLeftoverNodes(dir, dev.eddy.cluster.ClusterPlan.EMBEDDED);
            assertThat(taskManager.isAlive()).isFalse();
        } finally {
            taskManager.stop(1_000);
        }
    }

    @Test
    void processesOfTheSamePlanAreKeptAndThoseOfAnotherNumberOfNodesStopped() throws Exception {
        ManagedProcess peer = new ManagedProcess("ZooKeeper 2", dir.resolve("nodes/zookeeper-2"));
        peer.start(List.of(), System.getProperty("java.class.path"), Sleeper.class.getName(), List.of());
        try {
            Files.writeString(dir.resolve("nodes/node-count"), "3\n");
            FlinkCluster.stopLeftoverNodes(dir, dev.eddy.cluster.ClusterPlan.THREE_NODE);
            assertThat(peer.isAlive()).as("the three-node plan takes its own processes over").isTrue();
            FlinkCluster.stopLeftoverNodes(dir, dev.eddy.cluster.ClusterPlan.SINGLE_NODE);
            assertThat(peer.isAlive()).as("a single node has no ZooKeeper: the old quorum is stopped").isFalse();
        } finally {
            peer.stop(1_000);
        }
    }

    @Test
    void aNodeTooSmallForFlinkIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> FlinkProcesses.checkSizes(Map.of("jobmanager.memory.process.size", "1024m",
                "taskmanager.memory.process.size", "768m", "taskmanager.memory.managed.size", "128m")))
                .hasMessageStartingWith("eddy.cluster.taskmanager-memory (768m) is too small for a TaskManager: give it at least 1024m");
        FlinkProcesses.checkSizes(Map.of("jobmanager.memory.process.size", "1024m",
                "taskmanager.memory.process.size", "1024m", "taskmanager.memory.managed.size", "128m",
                "taskmanager.memory.network.min", "32m", "taskmanager.memory.network.max", "64m"));
    }

    @Test
    void theClassPathOfAnUnpackedJarIncludesTheJarsItsManifestNames() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("app/lib"));
        Files.createFile(lib.resolve("flink.jar"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "lib/flink.jar lib/kafka.jar");
        Path app = dir.resolve("app/eddy.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(app), manifest)) {
            out.flush();
        }
        String resolved = AppClassPath.resolve(app + File.pathSeparator + dir.resolve("classes"), dir.resolve("unpacked"));
        assertThat(resolved.split(File.pathSeparator)).containsExactly(app.toString(), lib.resolve("flink.jar").toString(),
                lib.resolve("kafka.jar").toString(), dir.resolve("classes").toString());
    }

    /** A process that only waits to be stopped. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(120_000);
        }
    }
}
