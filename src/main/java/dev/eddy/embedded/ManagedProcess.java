package dev.eddy.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JVM of a cluster Eddy runs (a JobManager, a TaskManager): started with its own log file and a
 * pid file in its directory, found again by that pid file after Eddy restarts (it outlives Eddy),
 * and recognised by a marker on its command line, so a reused pid is never mistaken for it.
 */
final class ManagedProcess {
    private static final Logger log = LoggerFactory.getLogger(ManagedProcess.class);
    private static final Path SHELL = Path.of("/bin/sh");
    private final String name;
    private final Path dir;
    private final String marker;
    private volatile ProcessHandle handle;
    private volatile int starts;
    private volatile int restarts;
    private final RestartPause pause = new RestartPause();
    private volatile boolean pauseTold;

    /** {@code name} is what people read ("the TaskManager"); {@code dir} holds its pid, arguments and logs. */
    ManagedProcess(String name, Path dir) {
        this.name = name;
        this.dir = dir.toAbsolutePath().normalize();
        this.marker = "-Deddy.process=" + this.dir;
    }

    String name() {
        return name;
    }

    /** Takes over the process an earlier Eddy started, if it still runs; true when it does. */
    boolean adopt() {
        Optional<ProcessHandle> found = find();
        found.ifPresent(p -> {
            handle = p;
            pause.started(System.nanoTime() - RestartPause.RAN_LONG_ENOUGH);
            log.info("{} (pid {}) still runs from an earlier start: Eddy takes it over", name, p.pid());
        });
        return found.isPresent();
    }

    /** The process an earlier start left running, if it still runs. */
    Optional<ProcessHandle> find() {
        return readPid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).filter(this::isOurs);
    }

    /**
     * Starts the JVM: {@code jvmOptions} (memory flags), the class path through an argument file
     * (a long class path stays out of the command line), then {@code mainClass} and its arguments.
     */
    void start(List<String> jvmOptions, String classPath, String mainClass, List<String> arguments) throws IOException {
        start(jvmOptions, classPath, mainClass, arguments, java.util.Map.of());
    }

    /** As above, with these variables added to the process's environment. */
    void start(List<String> jvmOptions, String classPath, String mainClass, List<String> arguments,
            java.util.Map<String, String> environment) throws IOException {
        Files.createDirectories(dir.resolve("log"));
        Path argFile = dir.resolve("classpath.args");
        Files.writeString(argFile, "-cp \"" + classPath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n");
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SHELL)) {
            // What it writes (state, logs, the S3 server's objects) is its owner's alone; exec keeps the pid.
            command.addAll(List.of(SHELL.toString(), "-c", "umask 077; exec \"$0\" \"$@\""));
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add(marker);
        command.addAll(jvmOptions);
        command.add("-Dlog.file=" + dir.resolve("log").resolve("flink.log"));
        command.add("-Dlogback.configurationFile=" + dir.getParent().resolve("conf").resolve("logback.xml"));
        command.add("@" + argFile);
        command.add(mainClass);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log").resolve("console.out").toFile()))
                .start();
        handle = process.toHandle();
        pause.started(System.nanoTime());
        starts++;
        Files.writeString(dir.resolve("pid"), process.pid() + "\n");
        log.info("Started {} (pid {})", name, process.pid());
    }

    boolean isAlive() {
        ProcessHandle p = handle;
        return p != null && p.isAlive();
    }

    Optional<Long> pid() {
        return Optional.ofNullable(handle).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
    }

    /** How many times this Eddy started the process (a restart after it died counts). */
    int starts() {
        return starts;
    }

    /** How many times it was started again after it stopped on its own. */
    int restarts() {
        return restarts;
    }

    /**
     * Asked while it is seen stopped: whether to start it again now, or wait (it keeps stopping soon
     * after each start); says so in the log once per pause.
     */
    boolean dueForRestart() {
        boolean due = pause.due(System.nanoTime());
        if (!due && !pauseTold) {
            pauseTold = true;
            log.warn("{} stopped {} times in a row soon after starting: Eddy starts it again in {} s. Its log says why: {}",
                    name, pause.quickStops(), java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(pause.pause()), logFile());
        }
        if (due) {
            pauseTold = false;
        }
        return due;
    }

    /** Counts a start that replaced a process which died. */
    void countRestart() {
        restarts++;
    }

    /** As the Cluster page shows it; {@code leader} when it is the JobManager that leads. */
    dev.eddy.cluster.ClusterNodes.NodeProcess describe(boolean leader) {
        ProcessHandle p = handle;
        boolean alive = p != null && p.isAlive();
        return new dev.eddy.cluster.ClusterNodes.NodeProcess(name.replaceFirst("^The ", ""), alive ? p.pid() : null,
                alive, restarts, leader, alive ? p.info().startInstant().orElse(null) : null);
    }

    Path logFile() {
        return dir.resolve("log").resolve("flink.log");
    }

    /** Asks the process to stop without waiting: several stop side by side, then {@link #stop} waits for each. */
    void askToStop() {
        ProcessHandle p = handle;
        if (p != null && p.isAlive()) {
            p.destroy();
        }
    }

    /** Asks the process to stop, and kills it if it has not within {@code graceMillis}. */
    void stop(long graceMillis) {
        ProcessHandle p = handle;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            p.onExit().get(graceMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            log.warn("{} (pid {}) did not stop within {} ms; killing it", name, p.pid(), graceMillis);
            p.destroyForcibly();
            p.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // onExit never fails.
        }
        try {
            Files.deleteIfExists(dir.resolve("pid"));
        } catch (IOException e) {
            // A stale pid file is recognised as not ours at the next start.
        }
    }

    private Optional<Long> readPid() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private boolean isOurs(ProcessHandle p) {
        Optional<String> line = p.info().commandLine();
        if (line.isPresent() && line.get().contains(marker)) {
            return true;
        }
        try {
            return Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).replace('\0', ' ').contains(marker);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
