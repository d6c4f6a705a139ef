package dev.eddy.embedded;

import dev.eddy.table.CatalogSessionManager;
import dev.eddy.table.CatalogSlot;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.table.gateway.SqlGateway;
import org.apache.flink.table.gateway.service.context.DefaultContext;
import org.apache.flink.table.gateway.service.session.SessionManager;

/**
 * A real Flink cluster Eddy runs: a MiniCluster in Eddy's JVM (JobManager, TaskManager, REST API and
 * web UI), or a JobManager and a TaskManager as processes of their own (the single-node plan); and
 * the real Flink SQL Gateway REST endpoint in Eddy's JVM in front of it, reached like any remote cluster.
 */
final class FlinkCluster implements AutoCloseable {
    private final Path workDir;
    private final int restPort;
    private final int gatewayPort;
    private final int taskSlots;
    private final int parallelism;
    private final ClusterProperties plan;
    private MiniCluster miniCluster;
    private FlinkProcesses processes;
    private SqlGateway gateway;
    private URI restAddress;

    private final CatalogSlot catalog;
    private static final Logger log = LoggerFactory.getLogger(FlinkCluster.class);
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(dev.eddy.config.DaemonThreads.named("eddy-taskmanager-watchdog"));

    private final String stateDir;
    private final boolean stateDirChosen;

    /**
     * {@code stateDirChosen}: an admin named where state goes ({@code eddy.embedded.flink.state-dir}); else
     * the plans of processes keep it in object storage, the embedded one under the data directory.
     */
    FlinkCluster(Path workDir, int restPort, int gatewayPort, int taskSlots, int parallelism, String stateDir,
            boolean stateDirChosen, CatalogSlot catalog, ClusterProperties plan) {
        this.plan = plan;
        this.stateDirChosen = stateDirChosen;
        this.stateDir = stateDir.endsWith("/") ? stateDir.substring(0, stateDir.length() - 1) : stateDir;
        this.catalog = catalog;
        this.workDir = workDir;
        this.restPort = restPort;
        this.gatewayPort = gatewayPort;
        this.taskSlots = taskSlots;
        this.parallelism = parallelism;
    }

    void startCluster() throws Exception {
        Files.createDirectories(workDir);
        java.util.Map<String, String> chosen = adminSettings();
        int taskSlots = Integer.parseInt(chosen.getOrDefault("taskmanager.numberOfTaskSlots", String.valueOf(this.taskSlots)));
        Configuration conf = commonConfiguration();
        conf.setString("rest.bind-address", "127.0.0.1");
        conf.setString("rest.port", String.valueOf(restPort));
        conf.setString("taskmanager.numberOfTaskSlots", String.valueOf(taskSlots));
        // A standalone cluster fails slot requests at once after its start-up grace (5 minutes): a job
        // restored while the watchdog replaces a lost TaskManager would burn a restart, and a query
        // started while every slot is taken would fail without a chance. Kept in grace, a request
        // waits for a slot (Eddy says so and names the holders) up to the slot request timeout.
        conf.setString("resourcemanager.standalone.start-up-time", "86400000");
        conf.setString("state.backend.type", "hashmap");
        chosen.forEach(conf::setString);
        // Flame graphs of a chosen task in Flink's web UI (sampled only while someone looks at one).
        conf.setString("rest.flamegraph.enabled", "true");
        // The REST API answers a job's state from a copy kept this long (Flink's default 3 s): Eddy's pages
        // and its watcher, which read that API, would see a job running again up to 3 s after it does.
        conf.setString("web.refresh-interval", "1 s");
        conf.setString("execution.checkpointing.dir", stateDir + "/checkpoints");
        conf.setString("execution.checkpointing.savepoint-dir", stateDir + "/savepoints");
        if (plan.plan().nodes() > 0) {
            startProcesses(conf);
            return;
        }
        conf.setString("io.tmp.dirs", Files.createDirectories(workDir.resolve("tmp")).toString());
        miniCluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(taskSlots)
                .build());
        miniCluster.start();
        restAddress = miniCluster.getRestAddress().get(60, TimeUnit.SECONDS);
        watchdog.scheduleWithFixedDelay(this::replaceLostTaskManager, 2, 2, TimeUnit.SECONDS);
    }

    /** The plans of processes: the same settings, for each node's JobManager and TaskManager of their own. */
    private void startProcesses(Configuration conf) throws Exception {
        conf.setString("jobmanager.rpc.address", "127.0.0.1");
        conf.setString("jobmanager.memory.process.size", plan.jobmanagerMemory());
        conf.setString("taskmanager.memory.process.size", plan.taskmanagerMemory());
        conf.setString("taskmanager.memory.managed.size", "128m");
        conf.setString("taskmanager.memory.network.min", "32m");
        conf.setString("taskmanager.memory.network.max", "64m");
        // A TaskManager restarted after a crash finds its JobManager within seconds, not the default 10 s.
        conf.setString("cluster.registration.error-delay", "2 s");
        // A TaskManager that died is known lost at the first heartbeat that cannot reach it (on loopback a
        // refused connection, never a slow one: a paused process still times out after heartbeat.timeout),
        // within about a second: its jobs restart on live slots after their short restart delay.
        conf.setString("heartbeat.interval", "1 s");
        conf.setString("heartbeat.rpc-failure-threshold", "1");
        conf.setString("heartbeat.timeout", "10 s");
        conf.setString("web.submit.enable", "false");
        processes = new FlinkProcesses(workDir.resolve("nodes"), conf.toMap(), plan.stopWithEddy(), plan.plan().nodes(),
                !stateDirChosen, plan.objectStorage().external().orElse(null));
        processes.start(restPort);
        restAddress = java.net.URI.create(processes.restUrl());
        if (processes.objectStorage() != null) {
            StateFileSystems.reachObjectStorage(processes.objectStorage(), processes.pluginsDir());
            log.info("Checkpoints and savepoints are kept in {}", processes.objectStorage());
        }
    }

    /**
     * Stops the processes of a cluster an earlier start left running when the plan changed since (another
     * plan, or another number of nodes): the new cluster brings the jobs back from their checkpoints.
     */
    static void stopLeftoverNodes(Path workDir, dev.eddy.cluster.ClusterPlan plan) {
        Path nodes = workDir.resolve("nodes");
        int running = FlinkProcesses.nodesFoundRunning(nodes);
        if (running != 0 && running != plan.nodes()) {
            FlinkProcesses.stopLeftovers(nodes, "eddy.cluster.plan is now " + plan.name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', '-'));
        }
    }

    /** Whether the processes of an earlier start still run (then their ports are their own, not free). */
    static boolean nodesFoundRunning(Path workDir) {
        return new FlinkProcesses(workDir.resolve("nodes"), java.util.Map.of(), false, 3, false, null).foundRunning();
    }

    /**
     * A task whose clean-up throws (the JDBC sink does when its table is gone) is a fatal error to a
     * TaskManager, and the MiniCluster closes it: without a new one no job could ever run again.
     */
    private void replaceLostTaskManager() {
        MiniCluster cluster = miniCluster;
        if (cluster == null || !cluster.isRunning()) {
            return;
        }
        try {
            if (cluster.getResourceOverview().get(10, TimeUnit.SECONDS).getNumberTaskManagers() == 0) {
                log.warn("The embedded TaskManager stopped after a fatal task error; starting a new one");
                cluster.startTaskManager();
            }
        } catch (Exception e) {
            log.debug("Could not check the embedded TaskManagers: {}", e.getMessage());
        }
    }

    void startGateway() throws Exception {
        Configuration conf = commonConfiguration();
        // The endpoint copies the whole configuration: rest.* stays the cluster's address.
        conf.setString("execution.target", "remote");
        conf.setString("rest.address", restAddress.getHost());
        conf.setString("rest.port", String.valueOf(restAddress.getPort()));
        if (processes != null) {
            // With several JobManagers, the gateway's clients submit to whichever leads, as Flink's own do.
            processes.clientSettings().forEach(conf::setString);
        }
        conf.setString("sql-gateway.endpoint.type", "rest");
        conf.setString("sql-gateway.endpoint.rest.address", "127.0.0.1");
        conf.setString("sql-gateway.endpoint.rest.bind-address", "127.0.0.1");
        conf.setString("sql-gateway.endpoint.rest.port", String.valueOf(gatewayPort));
        conf.setString("parallelism.default", String.valueOf(parallelism));
        conf.setString("restart-strategy.type", "failure-rate");
        conf.setString("restart-strategy.failure-rate.max-failures-per-interval", "3");
        conf.setString("restart-strategy.failure-rate.failure-rate-interval", "5 min");
        conf.setString("restart-strategy.failure-rate.delay", "5 s");
        // Inside Spring Boot's nested jar the JobManager would deserialize jobs with the system class
        // loader, which cannot see BOOT-INF/lib; a non-empty class path gives every job a user-code
        // class loader whose parent is Eddy's own (see ../shared/notes/stack.md).
        Path emptyClasspath = Files.createDirectories(workDir.resolve("empty-classpath"));
        conf.setString("pipeline.classpaths", emptyClasspath.toUri().toString());
        // Every session gets Eddy's catalog, kept in Eddy's store, as its current catalog.
        SessionManager sessions = new CatalogSessionManager(new DefaultContext(conf, List.of()), catalog);
        gateway = new SqlGateway(conf, sessions);
        gateway.start();
    }

    private Configuration commonConfiguration() {
        Configuration conf = new Configuration();
        conf.setString("jobmanager.bind-host", "127.0.0.1");
        conf.setString("taskmanager.bind-host", "127.0.0.1");
        conf.setString("taskmanager.host", "127.0.0.1");
        conf.setString("rest.address", "127.0.0.1");
        return conf;
    }

    /** The processes of the plans of processes, the leading JobManager marked; none for a MiniCluster. */
    java.util.List<dev.eddy.cluster.ClusterNodes.NodeProcess> processes() {
        FlinkProcesses p = processes;
        if (p == null) {
            return java.util.List.of();
        }
        ManagedProcess leader = p.leadingJobManager().orElse(null);
        return p.processes().stream().map(m -> m.describe(m == leader)).toList();
    }

    /** Each JobManager's REST address by node on three nodes; empty otherwise. */
    java.util.Map<Integer, String> jobManagers() {
        FlinkProcesses p = processes;
        return p == null ? java.util.Map.of() : p.jobManagerUrls();
    }

    /** Where checkpoints and savepoints go, in words: object storage (whose) or a directory. */
    String stateStorage() {
        FlinkProcesses p = processes;
        ObjectStorage storage = p == null ? null : p.objectStorage();
        if (storage == null) {
            return stateDir + " (checkpoints/ and savepoints/)";
        }
        return storage.stateDir() + " (checkpoints/ and savepoints/) in " + (plan.objectStorage().external().isPresent()
                ? "the S3 service at " + storage.endpoint() : "Eddy's own S3 API server at " + storage.endpoint());
    }

    /**
     * The cluster-level settings an admin applied (task slots, state backend), kept in the data directory:
     * every later start of the cluster uses them, even before Eddy's store is reachable.
     */
    private java.util.Map<String, String> adminSettings() throws java.io.IOException {
        java.util.Properties p = new java.util.Properties();
        Path file = workDir.resolve("cluster-settings.properties");
        if (Files.isRegularFile(file)) {
            try (java.io.Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            }
        }
        java.util.Map<String, String> settings = new java.util.TreeMap<>();
        p.stringPropertyNames().forEach(k -> settings.put(k, p.getProperty(k)));
        return settings;
    }

    /**
     * Keeps {@code settings} for every later start and, for the plans of processes, restarts the
     * JobManagers and TaskManagers with them now; the MiniCluster takes them at Eddy's next start.
     */
    void restartWith(java.util.Map<String, String> settings) throws Exception {
        java.util.Properties p = new java.util.Properties();
        p.putAll(settings);
        Path draft = Files.createTempFile(workDir, ".cluster-settings", ".properties");
        try (java.io.Writer out = Files.newBufferedWriter(draft)) {
            p.store(out, "Cluster settings an admin applied in Eddy: read at every start of the cluster");
        }
        Files.move(draft, workDir.resolve("cluster-settings.properties"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        FlinkProcesses p2 = processes;
        if (p2 != null) {
            p2.restartWith(settings);
        }
    }

    /** The REST address of the JobManager that leads now (of the only one, but on three nodes). */
    String restUrl() {
        FlinkProcesses p = processes;
        return p != null ? p.restUrl() : "http://127.0.0.1:" + restAddress.getPort();
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        if (gateway != null) {
            gateway.stop();
            gateway = null;
        }
        if (processes != null) {
            processes.close();
            processes = null;
        }
        if (miniCluster != null) {
            try {
                // Jobs were stopped with savepoints before this; after a TaskManager was replaced the
                // MiniCluster can take half a minute more to wind down, which must not hold up Kafka and
                // PostgreSQL stopping after it (nor the process exit).
                miniCluster.closeAsync().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                log.info("Flink's MiniCluster is still winding down after 10 s; stopping the rest meanwhile");
            } catch (Exception e) {
                throw new IllegalStateException("The Flink MiniCluster did not stop cleanly: " + e.getMessage(), e);
            } finally {
                miniCluster = null;
            }
        }
    }
}
