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
    private final FlinkConfigFile config;
    private final boolean stopAtClose;
    private final int nodes;
    private final List<ManagedProcess> jobManagers = new ArrayList<>();
    private final List<ManagedProcess> taskManagers = new ArrayList<>();
    /** The three-node plan's quorum, where the JobManagers elect their leader; null on a single node. */
    private final ZooKeeperQuorum zooKeeper;
    /** Eddy's own S3 API server for the checkpoints, when no other object storage is named. */
    private final S3Server s3Server;
    private final ObjectStorage externalStorage;
    private ObjectStorage storage;
    private JobManagerLeader leader;
    private ScheduledExecutorService supervisor;
    /** While the cluster restarts with new settings, the supervisor leaves the stopped processes alone. */
    private volatile boolean restarting;
    private String classPath;
    private int restPort;

    /**
     * {@code dir} holds the configuration, each process's pid and logs; {@code settings} is the Flink
     * configuration of a new cluster (a cluster found running keeps the one it started with).
     */
    FlinkProcesses(Path dir, Map<String, String> settings, boolean stopAtClose) {
        this(dir, settings, stopAtClose, 1, false, null);
    }

    /**
     * A cluster of {@code nodes} nodes (1, or 3 with JobManager high availability), each a JobManager and a
     * TaskManager; with checkpoints and savepoints in object storage: {@code external} when an admin named
     * one, else (when {@code objectStorage}) Eddy's own S3 API server, a process of the cluster like the others.
     */
    FlinkProcesses(Path dir, Map<String, String> settings, boolean stopAtClose, int nodes, boolean objectStorage,
            ObjectStorage external) {
        this.dir = dir.toAbsolutePath().normalize();
        this.settings = new LinkedHashMap<>(settings);
        this.config = new FlinkConfigFile(this.dir.resolve("conf"));
        this.stopAtClose = stopAtClose;
        this.nodes = nodes;
        for (int i = 1; i <= nodes; i++) {
            jobManagers.add(new ManagedProcess(nodes == 1 ? "The JobManager" : "JobManager " + i,
                    this.dir.resolve(jobManagerDir(i))));
            taskManagers.add(new ManagedProcess(nodes == 1 ? "The TaskManager" : "TaskManager " + i,
                    this.dir.resolve("taskmanager-" + i)));
        }
        this.zooKeeper = nodes > 1 ? new ZooKeeperQuorum(this.dir, nodes) : null;
        this.externalStorage = external;
        this.s3Server = objectStorage && external == null
                ? new S3Server(this.dir.resolve("s3"), this.dir.resolveSibling("object-storage"), "eddy") : null;
    }

    /** Node 1's JobManager keeps the single-node plan's directory, so a single node found running is recognised. */
    private static String jobManagerDir(int node) {
        return node == 1 ? "jobmanager" : "jobmanager-" + node;
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
        return jobManagers.stream().anyMatch(p -> p.find().isPresent());
    }

    /** The number of nodes of the cluster an earlier start left running, from what it wrote; 0 when none runs. */
    static int nodesFoundRunning(Path dir) {
        FlinkProcesses any = new FlinkProcesses(dir, Map.of(), false, 3, false, null);
        if (!any.foundRunning() && any.zooKeeper.peers().stream().noneMatch(p -> p.find().isPresent())
                && any.taskManagers.stream().noneMatch(p -> p.find().isPresent())) {
            return 0;
        }
        try {
            return Integer.parseInt(Files.readString(dir.resolve("node-count")).strip());
        } catch (IOException | NumberFormatException e) {
            return 1;
        }
    }

    /** Stops the processes an earlier start left running (the plan changed): they would hold ports and run jobs twice. */
    static void stopLeftovers(Path dir, String why) {
        FlinkProcesses all = new FlinkProcesses(dir, Map.of(), true, 3, false, null);
        List<ManagedProcess> processes = new ArrayList<>(all.taskManagers);
        processes.addAll(all.jobManagers);
        processes.addAll(all.zooKeeper.peers());
        processes.add(new S3Server(dir.resolve("s3"), dir.resolveSibling("object-storage"), "eddy").process());
        for (ManagedProcess p : processes) {
            if (p.adopt()) {
                log.warn("{} of the cluster an earlier start ran still runs, but {}: stopping it. Its jobs come back "
                        + "on the new cluster from their latest checkpoints.", p.name(), why);
                p.stop(10_000);
            }
        }
    }

    /** Starts what does not run yet (or takes over what does) and waits until every TaskManager has registered. */
    void start(int restPort) throws Exception {
        storage = s3Server != null ? s3Server.prepare() : externalStorage;
        if (storage != null) {
            settings.putAll(storage.flinkSettings());
            settings.put("execution.checkpointing.dir", storage.stateDir() + "/checkpoints");
            settings.put("execution.checkpointing.savepoint-dir", storage.stateDir() + "/savepoints");
            BundledProgram.copy("flink-s3-fs-presto.jar", pluginsDir().resolve("s3-fs-presto").resolve("flink-s3-fs-presto.jar"));
        }
        classPath = AppClassPath.resolve(System.getProperty("java.class.path"), dir.resolve("app"));
        boolean adoptedJobManager = false;
        for (ManagedProcess jobManager : jobManagers) {
            adoptedJobManager |= jobManager.adopt();
        }
        if (adoptedJobManager) {
            this.restPort = Integer.parseInt(config.read().getOrDefault("rest.port", String.valueOf(restPort)));
        } else {
            // TaskManagers of a cluster whose every JobManager is gone would look for one that no longer exists.
            for (ManagedProcess taskManager : taskManagers) {
                if (taskManager.adopt()) {
                    taskManager.stop(10_000);
                }
            }
            if (zooKeeper != null) {
                settings.putAll(highAvailability(zooKeeper.prepare()));
            }
            checkSizes(settings);
            this.restPort = restPort;
            writeConfig(restPort);
        }
        if (s3Server != null) {
            s3Server.start();
        }
        if (zooKeeper != null) {
            zooKeeper.start(classPath, Duration.ofMinutes(2));
            leader = new JobManagerLeader(clientSettings());
        }
        for (int i = 1; i <= nodes; i++) {
            if (!jobManagers.get(i - 1).isAlive()) {
                startJobManager(i);
            }
            if (!taskManagers.get(i - 1).adopt()) {
                startTaskManager(i);
            }
        }
        awaitTaskManagers(Duration.ofMinutes(2));
        supervisor = Executors.newSingleThreadScheduledExecutor(dev.eddy.config.DaemonThreads.named("eddy-cluster-supervisor"));
        supervisor.scheduleWithFixedDelay(this::restartTheDead, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * JobManager high availability through the quorum: the leader is elected in ZooKeeper, the jobs'
     * graphs and checkpoint pointers are kept in the state storage, so a standby takes over the jobs.
     * A new cluster id per cold start: jobs that come back after a full stop are brought back by Eddy,
     * from their latest checkpoints, never twice.
     */
    private Map<String, String> highAvailability(String quorum) {
        String checkpoints = settings.getOrDefault("execution.checkpointing.dir", "");
        Map<String, String> ha = new LinkedHashMap<>();
        ha.put("high-availability.type", "zookeeper");
        ha.put("high-availability.zookeeper.quorum", quorum);
        ha.put("high-availability.zookeeper.path.root", "/eddy");
        ha.put("high-availability.cluster-id", "cluster-" + java.util.UUID.randomUUID());
        ha.put("high-availability.storageDir", checkpoints.replaceFirst("/checkpoints$", "") + "/ha");
        ha.put("high-availability.jobmanager.port", "0");
        // A JobManager killed -9 closes no session: its leadership is known lost when the session expires.
        // 4 s finds a lost leader quickly; a pause of a live leader that only suspends its connection
        // (its ZooKeeper peer lost, a long GC) is tolerated until the session itself is lost.
        ha.put("high-availability.zookeeper.client.session-timeout", "4 s");
        ha.put("high-availability.zookeeper.client.connection-timeout", "4 s");
        ha.put("high-availability.zookeeper.client.tolerate-suspended-connections", "true");
        ha.put("blob.server.port", "0");
        return ha;
    }

    /** The leading JobManager's REST address (on a single node, its only one). */
    String restUrl() {
        JobManagerLeader l = leader;
        if (l != null) {
            return l.address().orElse("http://127.0.0.1:" + restPort);
        }
        return "http://127.0.0.1:" + restPort;
    }

    /** The Flink settings a client of the cluster needs to find its leader (none on a single node). */
    Map<String, String> clientSettings() throws IOException {
        Map<String, String> client = new LinkedHashMap<>();
        if (zooKeeper != null) {
            config.read().forEach((k, v) -> {
                if (k.startsWith("high-availability.")) {
                    client.put(k, v);
                }
            });
        }
        return client;
    }

    /** Every process of the cluster, node by node, then the quorum and the S3 API server. */
    List<ManagedProcess> processes() {
        List<ManagedProcess> all = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            all.add(jobManagers.get(i));
            all.add(taskManagers.get(i));
        }
        if (zooKeeper != null) {
            all.addAll(zooKeeper.peers());
        }
        if (s3Server != null) {
            all.add(s3Server.process());
        }
        return all;
    }

    /** Each JobManager's REST address by node, when the plan has several; empty on a single node. */
    Map<Integer, String> jobManagerUrls() {
        Map<Integer, String> urls = new java.util.TreeMap<>();
        if (nodes > 1) {
            for (int i = 1; i <= nodes; i++) {
                urls.put(i, "http://127.0.0.1:" + jobManagerRestPort(i));
            }
        }
        return urls;
    }

    /** The JobManager that leads now, when the plan has several. */
    java.util.Optional<ManagedProcess> leadingJobManager() {
        JobManagerLeader l = leader;
        if (l == null || l.address().isEmpty()) {
            return java.util.Optional.empty();
        }
        String port = l.address().get().replaceFirst(".*:", "").replaceAll("/.*", "");
        for (int i = 1; i <= nodes; i++) {
            if (port.equals(String.valueOf(jobManagerRestPort(i)))) {
                return java.util.Optional.of(jobManagers.get(i - 1));
            }
        }
        return java.util.Optional.empty();
    }

    /** A process that died (killed, out of memory) is started again: the cluster heals without a person. */
    private synchronized void restartTheDead() {
        if (restarting) {
            return;
        }
        try {
            if (s3Server != null && !s3Server.process().isAlive() && s3Server.process().dueForRestart()) {
                log.warn("{} stopped; starting it again", s3Server.process().name());
                s3Server.restart();
            }
            if (zooKeeper != null) {
                for (int i = 1; i <= nodes; i++) {
                    ManagedProcess peer = zooKeeper.peers().get(i - 1);
                    if (!peer.isAlive() && peer.dueForRestart()) {
                        log.warn("{} stopped; starting it again", peer.name());
                        zooKeeper.restart(i, classPath);
                    }
                }
            }
            for (int i = 1; i <= nodes; i++) {
                ManagedProcess jobManager = jobManagers.get(i - 1);
                if (!jobManager.isAlive() && jobManager.dueForRestart()) {
                    log.warn("{} stopped; starting it again", jobManager.name());
                    jobManager.countRestart();
                    startJobManager(i);
                }
                ManagedProcess taskManager = taskManagers.get(i - 1);
                if (!taskManager.isAlive() && taskManager.dueForRestart()) {
                    log.warn("{} stopped; starting it again", taskManager.name());
                    taskManager.countRestart();
                    startTaskManager(i);
                }
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

    private void startJobManager(int node) throws IOException {
        Configuration conf = Configuration.fromMap(config.read());
        JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(conf);
        List<String> jvm = new ArrayList<>(JAVA_17_OPENS);
        jvm.addAll(words(JobManagerProcessUtils.generateJvmParametersStr(spec, conf)));
        List<String> args = new ArrayList<>(List.of("--configDir", config.dir().toString()));
        // The JobManagers of one machine share the configuration; each serves its REST API on a port of its own.
        args.addAll(List.of("-D", "rest.port=" + jobManagerRestPort(node)));
        args.addAll(words(JobManagerProcessUtils.generateDynamicConfigsStr(spec)));
        jobManagers.get(node - 1).start(jvm, classPath, JOBMANAGER_MAIN, args, environment());
    }

    private void startTaskManager(int node) throws IOException {
        Configuration conf = Configuration.fromMap(config.read());
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(conf);
        List<String> jvm = new ArrayList<>(JAVA_17_OPENS);
        jvm.addAll(words(ProcessMemoryUtils.generateJvmParametersStr(spec)));
        List<String> args = new ArrayList<>(List.of("--configDir", config.dir().toString(), "-D", "taskmanager.resource-id=node-" + node));
        args.addAll(words(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
        taskManagers.get(node - 1).start(jvm, classPath, TASKMANAGER_MAIN, args, environment());
    }

    /** Node 1's REST port is the cluster's configured one; the others' were picked when the configuration was written. */
    private int jobManagerRestPort(int node) {
        try {
            Map<String, String> current = config.read();
            String key = node == 1 ? "rest.port" : "eddy.node-" + node + ".rest.port";
            return Integer.parseInt(current.getOrDefault(key, String.valueOf(restPort)));
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("The cluster's configuration in " + config.dir() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Flink finds its plugins (the S3 file system) through the environment, as under its own scripts. */
    private Map<String, String> environment() {
        return Map.of("FLINK_PLUGINS_DIR", pluginsDir().toString());
    }

    private void awaitTaskManagers(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (jobManagers.stream().noneMatch(ManagedProcess::isAlive)) {
                ManagedProcess jobManager = jobManagers.get(0);
                throw new IllegalStateException(jobManager.name() + " stopped while starting: see " + jobManager.logFile()
                        + " and " + jobManager.logFile().resolveSibling("console.out"));
            }
            try {
                HttpResponse<String> overview = http.send(HttpRequest.newBuilder(URI.create(restUrl() + "/overview"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = overview.body();
                if (overview.statusCode() == 200 && overview.body().matches(".*\"taskmanagers\":[" + nodes + "-9].*")) {
                    return;
                }
            } catch (IOException e) {
                last = e.getMessage();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The cluster's TaskManagers did not register with its JobManager within "
                + timeout.toSeconds() + " s (" + last + "): see " + taskManagers.get(0).logFile());
    }

    private void writeConfig(int restPort) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.put("rest.port", String.valueOf(restPort));
        java.util.Set<Integer> taken = new java.util.HashSet<>(List.of(restPort));
        for (int i = 2; i <= nodes; i++) {
            int port;
            do {
                port = Ports.claim(0, "JobManager " + i + "'s REST API", "");
            } while (!taken.add(port));
            all.put("eddy.node-" + i + ".rest.port", String.valueOf(port));
        }
        if (nodes == 1) {
            all.put("jobmanager.rpc.port", String.valueOf(Ports.claim(0, "the JobManager's RPC", "")));
            all.put("blob.server.port", String.valueOf(Ports.claim(0, "the JobManager's blob server", "")));
        }
        all.put("io.tmp.dirs", Files.createDirectories(dir.resolve("tmp")).toString());
        config.write(all);
        Files.writeString(dir.resolve("node-count"), nodes + "\n");
    }

    /**
     * Restarts every JobManager and TaskManager with {@code changes} to the configuration (task slots,
     * state backend), keeping ports, the quorum and the S3 API server; waits until every TaskManager
     * has registered with the slots asked for. The caller stopped the jobs first.
     */
    synchronized void restartWith(Map<String, String> changes) throws Exception {
        restarting = true;
        try {
            taskManagers.forEach(ManagedProcess::askToStop);
            jobManagers.forEach(ManagedProcess::askToStop);
            taskManagers.forEach(p -> p.stop(15_000));
            jobManagers.forEach(p -> p.stop(15_000));
            Map<String, String> changed = config.read();
            changed.putAll(changes);
            checkSizes(changed);
            config.write(changed);
            for (int i = 1; i <= nodes; i++) {
                startJobManager(i);
                startTaskManager(i);
            }
            awaitTaskManagers(Duration.ofMinutes(2));
            String slots = changes.get("taskmanager.numberOfTaskSlots");
            if (slots != null) {
                awaitSlots(nodes * Integer.parseInt(slots), Duration.ofSeconds(30));
            }
            log.info("The cluster restarted with {}", changes);
        } finally {
            restarting = false;
        }
    }

    private void awaitSlots(int expected, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> overview = http.send(HttpRequest.newBuilder(URI.create(restUrl() + "/overview"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            last = overview.body();
            if (last.contains("\"slots-total\":" + expected + ",")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The TaskManagers registered, but not with " + expected + " task slots in all (" + last + ")");
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
        if (leader != null) {
            leader.close();
        }
        if (stopAtClose) {
            taskManagers.forEach(p -> p.stop(10_000));
            jobManagers.forEach(p -> p.stop(10_000));
            if (zooKeeper != null) {
                zooKeeper.peers().forEach(p -> p.stop(10_000));
            }
            if (s3Server != null) {
                s3Server.process().stop(10_000);
            }
            log.info("Stopped the cluster's processes");
        } else {
            log.info("The cluster's processes keep running; the next start of Eddy takes them over");
        }
    }
}
