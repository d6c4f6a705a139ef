package dev.eddy.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink standalone session cluster of one node as separate JVMs (a JobManager and a TaskManager),
 * what Flink's own {@code bin/} scripts start, from Eddy's class path. Eddy watches them and starts
 * one that died again; they outlive Eddy, which takes them over at its next start.
 */
final class FlinkProcesses implements AutoCloseable {
    static final String JOBMANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASKMANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    /** What Flink's scripts give every JVM on Java 17 (env.java.opts.all of its default configuration). */
    private static final List<String> JAVA_17_OPENS = Arrays.asList((
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED "
            + "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED "
            + "--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED "
            + "--add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED "
            + "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED "
            + "--add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED "
            + "--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED "
            + "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED "
            + "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED").split(" "));
    private static final Logger log = LoggerFactory.getLogger(FlinkProcesses.class);

    private final Path dir;
    private final Map<String, String> settings;
    private final boolean stopAtClose;
    private final ManagedProcess jobManager;
    private final ManagedProcess taskManager;
    /** Eddy's own S3 API server for the checkpoints, when no other object storage is named. */
    private final S3Server s3Server;
    private final ObjectStorage externalStorage;
    private ObjectStorage storage;
    private ScheduledExecutorService supervisor;
    private String classPath;
    private int restPort;

    /**
     * {@code dir} holds the configuration, each process's pid and logs; {@code settings} is the Flink
     * configuration of a new cluster (a cluster found running keeps the one it started with).
     */
    FlinkProcesses(Path dir, Map<String, String> settings, boolean stopAtClose) {
        this(dir, settings, stopAtClose, false, null);
    }

    /**
     * With checkpoints and savepoints in object storage: {@code external} when an admin named one,
     * else (when {@code objectStorage}) Eddy's own S3 API server, a process of the cluster like the others.
     */
    FlinkProcesses(Path dir, Map<String, String> settings, boolean stopAtClose, boolean objectStorage,
            ObjectStorage external) {
        this.dir = dir.toAbsolutePath().normalize();
        this.settings = new LinkedHashMap<>(settings);
        this.stopAtClose = stopAtClose;
        this.jobManager = new ManagedProcess("The JobManager", this.dir.resolve("jobmanager"));
        this.taskManager = new ManagedProcess("The TaskManager", this.dir.resolve("taskmanager-1"));
        this.externalStorage = external;
        this.s3Server = objectStorage && external == null
                ? new S3Server(this.dir.resolve("s3"), this.dir.resolveSibling("object-storage"), "eddy") : null;
    }

    /** The object storage holding checkpoints and savepoints, once started; null when they are files. */
    ObjectStorage objectStorage() {
        return storage;
    }

    /** Where Flink's S3 file system plugin is, for Eddy's own JVM to read what the cluster wrote. */
    Path pluginsDir() {
        return dir.resolve("plugins");
    }

    /** Whether a JobManager an earlier Eddy started still runs: its ports are taken by it, not free. */
    boolean foundRunning() {
        return jobManager.find().isPresent();
    }

    /** Stops the processes an earlier start left running (the plan changed): they would hold ports and run jobs twice. */
    void stopLeftovers() {
        List<ManagedProcess> all = new ArrayList<>(List.of(taskManager, jobManager));
        all.add(new S3Server(dir.resolve("s3"), dir.resolveSibling("object-storage"), "eddy").process());
        for (ManagedProcess p : all) {
            if (p.adopt()) {
                log.warn("{} of the single-node plan still runs, but eddy.cluster.plan is no longer single-node: "
                        + "stopping it. Its jobs come back on the new cluster from their latest checkpoints.", p.name());
                p.stop(10_000);
            }
        }
    }

    /** Starts what does not run yet (or takes over what does) and waits until the TaskManager has registered. */
    void start(int restPort) throws Exception {
        storage = s3Server != null ? s3Server.prepare() : externalStorage;
        if (storage != null) {
            settings.putAll(storage.flinkSettings());
            settings.put("execution.checkpointing.dir", storage.stateDir() + "/checkpoints");
            settings.put("execution.checkpointing.savepoint-dir", storage.stateDir() + "/savepoints");
            BundledProgram.copy("flink-s3-fs-presto.jar", pluginsDir().resolve("s3-fs-presto").resolve("flink-s3-fs-presto.jar"));
        }
        boolean adoptedJobManager = jobManager.adopt();
        if (adoptedJobManager) {
            this.restPort = Integer.parseInt(readConfig().getOrDefault("rest.port", String.valueOf(restPort)));
        } else {
            checkSizes(settings);
            this.restPort = restPort;
            writeConfig(restPort);
        }
        if (s3Server != null) {
            s3Server.start();
        }
        classPath = AppClassPath.resolve(System.getProperty("java.class.path"), dir.resolve("app"));
        if (!adoptedJobManager) {
            startJobManager();
        }
        if (!taskManager.adopt()) {
            startTaskManager();
        }
        awaitTaskManager(Duration.ofMinutes(2));
        supervisor = Executors.newSingleThreadScheduledExecutor(dev.eddy.config.DaemonThreads.named("eddy-cluster-supervisor"));
        supervisor.scheduleWithFixedDelay(this::restartTheDead, 1, 1, TimeUnit.SECONDS);
    }

    String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    List<ManagedProcess> processes() {
        return s3Server == null ? List.of(jobManager, taskManager) : List.of(jobManager, taskManager, s3Server.process());
    }

    /** A process that died (killed, out of memory) is started again: the cluster heals without a person. */
    private void restartTheDead() {
        try {
            if (s3Server != null && !s3Server.process().isAlive() && s3Server.process().dueForRestart()) {
                log.warn("{} stopped; starting it again", s3Server.process().name());
                s3Server.restart();
            }
            if (!jobManager.isAlive() && jobManager.dueForRestart()) {
                log.warn("{} stopped; starting it again", jobManager.name());
                jobManager.countRestart();
                startJobManager();
            }
            if (!taskManager.isAlive() && taskManager.dueForRestart()) {
                log.warn("{} stopped; starting it again", taskManager.name());
                taskManager.countRestart();
                startTaskManager();
            }
        } catch (Exception e) {
            log.warn("Could not start a cluster process again: {}", e.getMessage());
        }
    }

    /** Checks that the node's sizes leave Flink room to run, before anything starts, naming the setting. */
    static void checkSizes(Map<String, String> settings) {
        Configuration conf = Configuration.fromMap(settings);
        try {
            JobManagerProcessUtils.processSpecFromConfig(conf);
        } catch (RuntimeException e) {
            throw new IllegalStateException("eddy.cluster.jobmanager-memory (" + settings.get("jobmanager.memory.process.size")
                    + ") is too small for a JobManager: give it at least 768m. Flink says: " + e.getMessage(), e);
        }
        try {
            TaskExecutorProcessUtils.processSpecFromConfig(conf);
        } catch (RuntimeException e) {
            throw new IllegalStateException("eddy.cluster.taskmanager-memory (" + settings.get("taskmanager.memory.process.size")
                    + ") is too small for a TaskManager: give it at least 1024m. Flink says: " + e.getMessage(), e);
        }
    }

    private void startJobManager() throws IOException {
        Configuration conf = Configuration.fromMap(readConfig());
        JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(conf);
        List<String> jvm = new ArrayList<>(JAVA_17_OPENS);
        jvm.addAll(words(JobManagerProcessUtils.generateJvmParametersStr(spec, conf)));
        List<String> args = new ArrayList<>(List.of("--configDir", conf().toString()));
        args.addAll(words(JobManagerProcessUtils.generateDynamicConfigsStr(spec)));
        jobManager.start(jvm, classPath, JOBMANAGER_MAIN, args, environment());
    }

    private void startTaskManager() throws IOException {
        Configuration conf = Configuration.fromMap(readConfig());
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(conf);
        List<String> jvm = new ArrayList<>(JAVA_17_OPENS);
        jvm.addAll(words(ProcessMemoryUtils.generateJvmParametersStr(spec)));
        List<String> args = new ArrayList<>(List.of("--configDir", conf().toString(), "-D", "taskmanager.resource-id=node-1"));
        args.addAll(words(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
        taskManager.start(jvm, classPath, TASKMANAGER_MAIN, args, environment());
    }

    /** Flink finds its plugins (the S3 file system) through the environment, as under its own scripts. */
    private Map<String, String> environment() {
        return Map.of("FLINK_PLUGINS_DIR", pluginsDir().toString());
    }

    private void awaitTaskManager(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!jobManager.isAlive()) {
                throw new IllegalStateException("The JobManager stopped while starting: see " + jobManager.logFile()
                        + " and " + jobManager.logFile().resolveSibling("console.out"));
            }
            try {
                HttpResponse<String> overview = http.send(HttpRequest.newBuilder(URI.create(restUrl() + "/overview"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = overview.body();
                if (overview.statusCode() == 200 && !overview.body().contains("\"taskmanagers\":0")) {
                    return;
                }
            } catch (IOException e) {
                last = e.getMessage();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The cluster's TaskManager did not register with its JobManager within "
                + timeout.toSeconds() + " s (" + last + "): see " + taskManager.logFile());
    }

    private void writeConfig(int restPort) throws IOException {
        Files.createDirectories(conf());
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.put("rest.port", String.valueOf(restPort));
        all.put("jobmanager.rpc.port", String.valueOf(Ports.claim(0, "the JobManager's RPC", "")));
        all.put("blob.server.port", String.valueOf(Ports.claim(0, "the JobManager's blob server", "")));
        all.put("io.tmp.dirs", Files.createDirectories(dir.resolve("tmp")).toString());
        StringBuilder yaml = new StringBuilder("# Written by Eddy for the cluster it runs; a new start writes it again.\n");
        all.forEach((k, v) -> yaml.append(k).append(": ").append(quote(v)).append('\n'));
        // It holds the object storage's keys: its owner's alone from its first byte.
        Path file = conf().resolve("config.yaml");
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, yaml);
        Files.writeString(conf().resolve("logback.xml"), """
                <configuration>
                  <appender name="file" class="ch.qos.logback.core.rolling.RollingFileAppender">
                    <file>${log.file}</file>
                    <rollingPolicy class="ch.qos.logback.core.rolling.FixedWindowRollingPolicy">
                      <fileNamePattern>${log.file}.%i</fileNamePattern>
                      <minIndex>1</minIndex>
                      <maxIndex>3</maxIndex>
                    </rollingPolicy>
                    <triggeringPolicy class="ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy">
                      <maxFileSize>20MB</maxFileSize>
                    </triggeringPolicy>
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="file"/></root>
                </configuration>
                """);
    }

    /** The configuration the running cluster started with (flat keys, as Eddy writes it). */
    private Map<String, String> readConfig() throws IOException {
        Map<String, String> read = new LinkedHashMap<>();
        Path file = conf().resolve("config.yaml");
        if (!Files.exists(file)) {
            return read;
        }
        for (String line : Files.readAllLines(file)) {
            int colon = line.indexOf(": ");
            if (line.startsWith("#") || colon < 0) {
                continue;
            }
            read.put(line.substring(0, colon), unquote(line.substring(colon + 2)));
        }
        return read;
    }

    private Path conf() {
        return dir.resolve("conf");
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String unquote(String value) {
        String v = value.strip();
        return v.startsWith("'") && v.endsWith("'") && v.length() >= 2 ? v.substring(1, v.length() - 1).replace("''", "'") : v;
    }

    private static List<String> words(String s) {
        return Arrays.stream(s.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    /** Stops watching; stops the processes too only when Eddy is set to (they outlive it by default). */
    @Override
    public void close() {
        if (supervisor != null) {
            supervisor.shutdownNow();
        }
        if (stopAtClose) {
            taskManager.stop(10_000);
            jobManager.stop(10_000);
            if (s3Server != null) {
                s3Server.process().stop(10_000);
            }
            log.info("Stopped the cluster's JobManager and TaskManager");
        } else {
            log.info("The cluster's JobManager and TaskManager keep running; the next start of Eddy takes them over");
        }
    }
}
