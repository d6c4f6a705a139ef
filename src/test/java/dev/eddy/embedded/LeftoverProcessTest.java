package dev.eddy.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server left running by a killed Eddy is found by its pid file and stopped; anything else is left alone. */
class LeftoverProcessTest {
    @TempDir
    Path dir;

    @Test
    void aLiveProcessOfTheProgramNamedInThePidFileIsStopped() throws Exception {
        Path program = dir.resolve("postgres");
        Files.copy(Path.of("/bin/sleep"), program, StandardCopyOption.COPY_ATTRIBUTES);
        Process leftover = new ProcessBuilder(program.toString(), "300").start();
        Path pidFile = dir.resolve("postmaster.pid");
        Files.writeString(pidFile, leftover.pid() + "\n" + dir + "\n");

        assertThat(LeftoverProcess.stopIfOurs(pidFile, "postgres", Duration.ofSeconds(10))).isTrue();
        assertThat(leftover.isAlive()).isFalse();
    }

    @Test
    void aReusedPidRunningSomethingElseIsLeftAlone() throws Exception {
        Process other = new ProcessBuilder("sleep", "300").start();
        try {
            Path pidFile = dir.resolve("postmaster.pid");
            Files.writeString(pidFile, other.pid() + "\n");
            assertThat(LeftoverProcess.stopIfOurs(pidFile, "postgres", Duration.ofSeconds(10))).isFalse();
            assertThat(other.isAlive()).isTrue();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aMissingOrStalePidFileIsNothingToStop() throws Exception {
        assertThat(LeftoverProcess.stopIfOurs(dir.resolve("none.pid"), "postgres", Duration.ofSeconds(1))).isFalse();
        Path stale = dir.resolve("stale.pid");
        Files.writeString(stale, "999999999\n");
        assertThat(LeftoverProcess.stopIfOurs(stale, "postgres", Duration.ofSeconds(1))).isFalse();
        Files.writeString(stale, "not a pid\n");
        assertThat(LeftoverProcess.stopIfOurs(stale, "postgres", Duration.ofSeconds(1))).isFalse();
    }
}
