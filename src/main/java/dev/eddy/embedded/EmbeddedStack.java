package dev.eddy.embedded;

import dev.eddy.table.CatalogSlot;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup stack: a real PostgreSQL, a real KRaft Kafka broker with a live sample topic, and a
 * real Flink MiniCluster behind the real SQL Gateway, all in this JVM and all kept under one data
 * directory. Starts in dependency order and stops in the reverse one.
 */
public final class EmbeddedStack implements AutoCloseable {
    public static final String STORE_DATABASE = "eddy";
    static final String STORE_ROLE = "eddy_store";
    static final String SAMPLE_READER = "sample_reader";
    static final String SAMPLE_WRITER = "sample_writer";
    private String storePassword = "";
    private String sampleReaderPassword = "";
    private String sampleWriterPassword = "";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);

    private final EmbeddedProperties properties;
    private final ClusterProperties cluster;
    private final Path dataDir;
    private volatile PostgresServer postgres;
    private volatile KafkaBroker kafka;
    private volatile SampleOrdersProducer orders;
    private volatile FlinkCluster flink;
    private volatile ObjectStorage remoteStorage;
    private final CatalogSlot catalog;

    public EmbeddedStack(EmbeddedProperties properties, ClusterProperties cluster) {
        this.properties = properties;
        this.catalog = new CatalogSlot(properties.dataDir().resolve("function-jars"));
        this.cluster = cluster;
        this.dataDir = properties.dataDir().toAbsolutePath().normalize();
    }

    /**
     * Starts every enabled piece; on failure stops what had started and rethrows. Every port is
     * checked before anything starts, so a taken port costs no start-up time.
     */
    public EmbeddedStack start() {
        try {
            if (properties.postgres().enabled()) {
                PostgresServer.stopLeftover(dataDir.resolve("postgres"));
            }
            FlinkCluster.stopLeftoverNodes(dataDir.resolve("flink"), cluster.plan());
            Ports.Claimed ports = claimPorts();
            // The three need nothing of one another to start: side by side, a start takes as long as the slowest.
            List<java.util.concurrent.Callable<Void>> pieces = new java.util.ArrayList<>();
            if (properties.postgres().enabled()) {
                pieces.add(() -> {
                    startPostgres(ports);
                    return null;
                });
            }
            if (properties.kafka().enabled()) {
                pieces.add(() -> {
                    startKafka(ports);
                    return null;
                });
            }
            if (cluster.runsFlink()) {
                pieces.add(() -> {
                    startFlink(ports);
                    return null;
                });
            }
            startSideBySide(pieces);
            if (!cluster.runsFlink()) {
                reachRemoteObjectStorage();
            }
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new IllegalStateException("The embedded stack could not start: " + e.getMessage(), e);
        }
    }

    /**
     * A remote cluster keeping its state in object storage an admin named: Eddy reads its savepoints and
     * checkpoints there (whether a restore point still exists, how big it is) with the same S3 file
     * system the cluster uses, instead of saying it cannot tell.
     */
    private void reachRemoteObjectStorage() throws java.io.IOException {
        Optional<ObjectStorage> storage = cluster.objectStorage().external();
        if (storage.isEmpty()) {
            return;
        }
        Path plugins = dataDir.resolve("flink").resolve("plugins");
        BundledProgram.copy("flink-s3-fs-presto.jar", plugins.resolve("s3-fs-presto").resolve("flink-s3-fs-presto.jar"));
        StateFileSystems.reachObjectStorage(storage.get(), plugins);
        remoteStorage = storage.get();
        log.info("Restore points of the remote cluster in {} are checked through {}", storage.get().stateDir(), storage.get());
    }

    private static void startSideBySide(List<java.util.concurrent.Callable<Void>> pieces) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, pieces.size()), dev.eddy.config.DaemonThreads.numbered("eddy-embedded-start-"));
        try {
            Exception first = null;
            for (java.util.concurrent.Future<Void> piece : pool.invokeAll(pieces)) {
                try {
                    piece.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Ports.Claimed claimPorts() {
        Ports.Claimed ports = new Ports.Claimed();
        if (properties.postgres().enabled()) {
            ports.claim("postgres", properties.postgres().port(), "embedded PostgreSQL", "eddy.embedded.postgres.port");
        }
        if (properties.kafka().enabled()) {
            ports.claim("kafka", properties.kafka().port(), "embedded Kafka", "eddy.embedded.kafka.port");
            ports.claim("kafka-controller", properties.kafka().controllerPort(), "embedded Kafka controller",
                    "eddy.embedded.kafka.controller-port");
        }
        if (cluster.runsFlink()) {
            // A cluster of processes an earlier Eddy left running holds its REST port itself.
            if (cluster.plan().nodes() == 0 || !FlinkCluster.nodesFoundRunning(dataDir.resolve("flink"))) {
                ports.claim("flink-rest", properties.flink().restPort(), "Flink REST API and web UI",
                        "eddy.embedded.flink.rest-port");
            }
            ports.claim("flink-gateway", properties.flink().gatewayPort(), "Flink SQL Gateway",
                    "eddy.embedded.flink.gateway-port");
        }
        return ports;
    }

    private void startPostgres(Ports.Claimed ports) {
        long t0 = System.nanoTime();
        postgres = new PostgresServer(dataDir.resolve("postgres"), ports.get("postgres"));
        postgres.start();
        postgres.ensureDatabase(STORE_DATABASE);
        postgres.ensureDatabase(SampleDatabase.NAME);
        SampleDatabase.ensure(postgres.jdbcUrl(SampleDatabase.NAME), PostgresServer.SUPERUSER, postgres.superuserPassword());
        // Eddy's store is owned by a role of its own, not the superuser; the sample integration reads
        // and writes through roles of its own; no other role may even connect to Eddy's store.
        storePassword = postgres.ensureRole(STORE_ROLE);
        sampleReaderPassword = postgres.ensureRole(SAMPLE_READER);
        sampleWriterPassword = postgres.ensureRole(SAMPLE_WRITER);
        postgres.execute("postgres", "ALTER DATABASE " + STORE_DATABASE + " OWNER TO " + STORE_ROLE,
                "REVOKE CONNECT ON DATABASE " + STORE_DATABASE + " FROM PUBLIC");
        postgres.execute(STORE_DATABASE, handOverTo(STORE_ROLE));
        postgres.execute(SampleDatabase.NAME,
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + SAMPLE_READER + ", " + SAMPLE_WRITER,
                "GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + SAMPLE_WRITER,
                "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO " + SAMPLE_READER + ", " + SAMPLE_WRITER,
                "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT INSERT, UPDATE, DELETE ON TABLES TO " + SAMPLE_WRITER,
                "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + SAMPLE_WRITER,
                "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO " + SAMPLE_WRITER,
                // The playground's write user may make tables (Eddy's metrics, when sent there), which its reader reads.
                "GRANT CREATE ON SCHEMA public TO " + SAMPLE_WRITER,
                "ALTER DEFAULT PRIVILEGES FOR ROLE " + SAMPLE_WRITER + " IN SCHEMA public GRANT SELECT ON TABLES TO "
                        + SAMPLE_READER);
        log.info("PostgreSQL {} ready at {} (databases '{}' and '{}', data {}) in {}", PostgresServer.VERSION,
                postgres.jdbcUrl(""), STORE_DATABASE, SampleDatabase.NAME, dataDir.resolve("postgres"), since(t0));
    }

    private void startKafka(Ports.Claimed ports) throws Exception {
        long t0 = System.nanoTime();
        kafka = new KafkaBroker(dataDir.resolve("kafka"), ports.get("kafka"), ports.get("kafka-controller"));
        kafka.start();
        orders = new SampleOrdersProducer(kafka.bootstrapServers(), properties.kafka().sampleOrdersPerSecond());
        orders.start();
        log.info("Kafka ready at {} (topic '{}' fed with {} orders/s, data {}) in {}", kafka.bootstrapServers(),
                SampleOrdersProducer.TOPIC, properties.kafka().sampleOrdersPerSecond(), dataDir.resolve("kafka"),
                since(t0));
    }

    /** Where jobs' checkpoints and savepoints are kept: durable, so jobs restart where they were. */
    private String stateDir() {
        String configured = properties.flink().stateDir();
        if (configured == null || configured.isBlank()) {
            return dataDir.resolve("flink").toAbsolutePath().toUri().toString();
        }
        String dir = configured.strip();
        return dir.contains("://") ? dir : java.nio.file.Path.of(dir).toAbsolutePath().toUri().toString();
    }

    private void startFlink(Ports.Claimed ports) throws Exception {
        long t0 = System.nanoTime();
        flink = new FlinkCluster(dataDir.resolve("flink"), ports.has("flink-rest") ? ports.get("flink-rest") : 0,
                ports.get("flink-gateway"), properties.flink().taskSlots(),
                properties.flink().parallelism(), stateDir(), !properties.flink().stateDir().isBlank(), catalog, cluster);
        flink.startCluster();
        log.info("Flink cluster ({}) ready at {} ({} task slots, web UI and REST API) in {}", cluster.plan().title(),
                flink.restUrl(), properties.flink().taskSlots(), since(t0));
        long t1 = System.nanoTime();
        flink.startGateway();
        log.info("Flink SQL Gateway ready at {} in {}", flink.gatewayUrl(), since(t1));
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Where the embedded gateway's sessions find Eddy's catalog, once Spring has filled it in. */
    public CatalogSlot catalogSlot() {
        return catalog;
    }

    /** JDBC URL of a database on the embedded PostgreSQL, if it runs. */
    public Optional<String> postgresUrl(String database) {
        return Optional.ofNullable(postgres).map(p -> p.jdbcUrl(database));
    }

    public Optional<Integer> postgresPort() {
        return Optional.ofNullable(postgres).map(PostgresServer::port);
    }

    public String postgresUser() {
        return PostgresServer.SUPERUSER;
    }

    /** The embedded superuser's password (random, kept owner-only in the data directory). */
    public String postgresPassword() {
        return postgres == null ? "" : postgres.superuserPassword();
    }

    /** The role Eddy's store is owned by and reached as. */
    public String storeUser() {
        return STORE_ROLE;
    }

    /** The store role's password (random, kept owner-only in the data directory). */
    public String storePassword() {
        return storePassword;
    }

    /**
     * Gives the store's schema and everything in it to its role: stores made before the role existed
     * (by the superuser) carry on under it.
     */
    private static String handOverTo(String role) {
        return """
                DO $$ DECLARE r record; BEGIN
                  EXECUTE 'ALTER SCHEMA public OWNER TO %1$s';
                  FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
                             AND pg_get_userbyid(c.relowner) <> '%1$s' LOOP
                    EXECUTE format('ALTER TABLE public.%%I OWNER TO %1$s', r.relname);
                  END LOOP;
                  FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                           WHERE n.nspname = 'public' AND c.relkind = 'S' AND pg_get_userbyid(c.relowner) <> '%1$s'
                             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')) LOOP
                    EXECUTE format('ALTER SEQUENCE public.%%I OWNER TO %1$s', r.relname);
                  END LOOP;
                  FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                           WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> '%1$s' LOOP
                    EXECUTE format('ALTER ROUTINE %%s OWNER TO %1$s', r.fn);
                  END LOOP;
                END $$""".formatted(role);
    }

    /** The sample database's read-only role and its password. */
    public String[] sampleReader() {
        return new String[] {SAMPLE_READER, sampleReaderPassword};
    }

    /** The sample database's read-write role and its password. */
    public String[] sampleWriter() {
        return new String[] {SAMPLE_WRITER, sampleWriterPassword};
    }

    public Optional<String> kafkaBootstrapServers() {
        return Optional.ofNullable(kafka).map(KafkaBroker::bootstrapServers);
    }

    public Optional<String> gatewayUrl() {
        return Optional.ofNullable(flink).map(FlinkCluster::gatewayUrl);
    }

    /** The processes Eddy runs for the cluster (single-node plan); none otherwise. */
    /** Where the cluster Eddy runs keeps checkpoints and savepoints, in words. */
    public Optional<String> stateStorage() {
        FlinkCluster f = flink;
        if (f == null) {
            ObjectStorage remote = remoteStorage;
            return Optional.ofNullable(remote).map(r -> r.stateDir() + " in the S3 service at " + r.endpoint()
                    + " (as the remote cluster is set up; Eddy checks restore points there)");
        }
        return Optional.of(f.stateStorage());
    }

    /** Each JobManager's REST address by node, when the cluster Eddy runs has several. */
    public java.util.Map<Integer, String> clusterJobManagers() {
        FlinkCluster f = flink;
        return f == null ? java.util.Map.of() : f.jobManagers();
    }

    public List<dev.eddy.cluster.ClusterNodes.NodeProcess> clusterProcesses() {
        FlinkCluster f = flink;
        return f == null ? List.of() : f.processes();
    }

    /** The REST address of the JobManager that leads, asked each time: on three nodes it moves when a standby takes over. */
    public Optional<java.util.function.Supplier<String>> jobManagerAddress() {
        FlinkCluster f = flink;
        return f == null ? Optional.empty() : Optional.of(f::restUrl);
    }

    /** The REST address of the JobManager that leads now. */
    public Optional<String> jobManagerUrl() {
        return Optional.ofNullable(flink).map(FlinkCluster::restUrl);
    }

    /** Keeps the cluster-level settings for later starts and restarts the cluster's processes with them (see FlinkCluster). */
    public void restartFlinkWith(java.util.Map<String, String> settings) throws Exception {
        FlinkCluster f = flink;
        if (f == null) {
            throw new IllegalStateException("Eddy does not run a Flink cluster");
        }
        f.restartWith(settings);
    }

    /** Stops what runs, newest first: jobs stop before the topics and tables they use go away. */
    @Override
    public void close() {
        long t0 = System.nanoTime();
        List<AutoCloseable> pieces = new java.util.ArrayList<>();
        for (AutoCloseable piece : new AutoCloseable[] {flink, orders, kafka, postgres}) {
            if (piece != null) {
                pieces.add(piece);
            }
        }
        boolean any = !pieces.isEmpty();
        for (AutoCloseable piece : pieces) {
            try {
                piece.close();
            } catch (Exception e) {
                log.warn("{} did not stop cleanly: {}", piece.getClass().getSimpleName(), e.getMessage());
            }
        }
        flink = null;
        orders = null;
        kafka = null;
        postgres = null;
        if (any) {
            log.info("Embedded stack stopped in {}", since(t0));
        }
    }

    private static String since(long startNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
