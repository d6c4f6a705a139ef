package dev.eddy.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server an earlier Eddy started and could not stop (it was killed with -9): recognised by the pid
 * file it left in Eddy's data directory and by what that process runs, then stopped, so the next
 * start never asks a person to hunt for the process holding a port.
 */
final class LeftoverProcess {
    private static final Logger log = LoggerFactory.getLogger(LeftoverProcess.class);

    private LeftoverProcess() {}

    /**
     * Stops the process named on the first line of {@code pidFile} if it is alive and runs
     * {@code program} (a pid may have been reused by something else: that is left alone). It is asked
     * to stop, then killed if it has not after {@code grace}. Returns whether one was stopped.
     */
    static boolean stopIfOurs(Path pidFile, String program, Duration grace) {
        Optional<ProcessHandle> process = read(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> runs(p, program));
        if (process.isEmpty()) {
            return false;
        }
        ProcessHandle p = process.get();
        log.warn("{} (pid {}) was left running by an earlier Eddy that did not stop it; stopping it now", program, p.pid());
        p.destroy();
        try {
            p.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            log.warn("{} (pid {}) did not stop within {} s; killing it", program, p.pid(), grace.toSeconds());
            p.destroyForcibly();
            p.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // onExit never fails; nothing more to wait for.
        }
        return true;
    }

    private static Optional<Long> read(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the process's program is {@code program} (its file name, as /proc tells it). */
    private static boolean runs(ProcessHandle p, String program) {
        Optional<String> command = p.info().command();
        if (command.isPresent()) {
            return Path.of(command.get()).getFileName().toString().equals(program);
        }
        // Another user's process may not show its command: its command line, where the kernel gives it.
        try {
            String cmdline = Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).replace('\0', ' ').strip();
            String first = cmdline.split(" ", 2)[0];
            return Path.of(first).getFileName().toString().equals(program);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
