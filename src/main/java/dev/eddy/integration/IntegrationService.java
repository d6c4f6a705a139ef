package dev.eddy.integration;

import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import dev.eddy.config.Secret;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/** The Kafka and PostgreSQL services Eddy knows: saving them with encrypted secrets, and testing them. */
@Service
public class IntegrationService {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private final IntegrationRepository repository;
    private final List<IntegrationSeed> seeds;
    private final org.springframework.beans.factory.ObjectProvider<IntegrationUsage> usages;
    private final Map<String, Metadata> cache = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> refreshing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, java.time.Instant> lastAttempt = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService refresher = java.util.concurrent.Executors.newFixedThreadPool(2,
            dev.eddy.config.DaemonThreads.named("eddy-metadata-refresh"));
    private volatile List<Integration> known = List.of();

    IntegrationService(IntegrationRepository repository, List<IntegrationSeed> seeds,
            org.springframework.beans.factory.ObjectProvider<IntegrationUsage> usages) {
        this.repository = repository;
        this.seeds = seeds;
        // Lazily: the tables depend on integrations, not the other way round.
        this.usages = usages;
    }

    /** Registers the built-in integrations, refreshing their addresses (embedded ports may change). */
    @EventListener(ApplicationReadyEvent.class)
    public void registerBuiltIns() {
        for (IntegrationSeed seed : seeds) {
            for (IntegrationDraft draft : seed.integrations()) {
                repository.upsert(draft.name(), draft.kind(), draft.settings(), plain(draft.secrets(), Map.of()), true);
            }
        }
        reloadKnown();
        // Read every integration once at start, so the first completion already knows topics and tables.
        known.forEach(i -> refreshInBackground(i.name()));
    }

    /**
     * What is cached now of every integration, without waiting on any service: integrations read
     * longer ago than five minutes, or never, are read again in the background. For the editor's
     * completion, which must never wait on a broker or a database.
     */
    @Requires(Role.VIEWER)
    public Map<Integration, Metadata> cachedMetadata() {
        Map<Integration, Metadata> now = new java.util.LinkedHashMap<>();
        java.time.Instant stale = java.time.Instant.now().minus(java.time.Duration.ofMinutes(5));
        for (Integration i : known) {
            Metadata m = cache.get(i.name());
            boolean due = m == null || (m.lastError().isPresent()
                    // A service that is down is tried again every 30 s, not at every keystroke.
                    ? lastAttempt.getOrDefault(i.name(), java.time.Instant.EPOCH)
                            .isBefore(java.time.Instant.now().minusSeconds(30))
                    : m.fetchedAt().isBefore(stale));
            if (due) {
                refreshInBackground(i.name());
            }
            if (m != null) {
                now.put(i, m);
            }
        }
        return now;
    }

    /** Reads an integration's metadata on a background thread, once at a time per integration. */
    public void refreshInBackground(String name) {
        if (refreshing.add(name)) {
            refresher.execute(() -> {
                try {
                    refresh(name);
                } catch (RuntimeException e) {
                    // The metadata keeps its last error; nothing waits on this thread.
                } finally {
                    refreshing.remove(name);
                }
            });
        }
    }

    @jakarta.annotation.PreDestroy
    void stopRefreshing() {
        refresher.shutdownNow();
    }

    private void reloadKnown() {
        known = List.copyOf(repository.findAll());
    }

    @Requires(Role.VIEWER)
    public List<Integration> list() {
        return repository.findAll();
    }

    /** The integrations tables can read and write: Kafka and PostgreSQL, not OpenSearch, which receives logs. */
    @Requires(Role.VIEWER)
    public List<Integration> dataSources() {
        return repository.findAll().stream().filter(i -> i.kind() != IntegrationKind.OPENSEARCH).toList();
    }

    @Requires(Role.VIEWER)
    public Integration get(String name) {
        return find(name).orElseThrow(() -> IntegrationException.missing("No integration named " + name));
    }

    /** For Eddy's own lookups (a connector resolving its integration inside Flink), with or without a user. */
    public java.util.Optional<Integration> find(String name) {
        return repository.find(name);
    }

    /**
     * Creates or updates; secrets missing from the draft keep their stored values while the address is
     * unchanged (see {@link SecretCarryOver}).
     */
    @Requires(value = Role.ADMIN, action = "Adding and editing integrations")
    public Integration save(IntegrationDraft draft) {
        validate(draft);
        repository.find(draft.name()).filter(Integration::builtIn).ifPresent(i -> {
            throw new IntegrationException(i.name() + " is built in: Eddy keeps its settings. Add another integration "
                    + "to change them.");
        });
        Map<String, String> stored = storedSecretsFor(draft);
        repository.upsert(draft.name(), draft.kind(), draft.settings(), plain(draft.secrets(), stored), false);
        cache.remove(draft.name());
        reloadKnown();
        return get(draft.name());
    }

    /**
     * Limits an integration to reading for developers (its tables are sources for them, never sinks),
     * or lifts the limit. Admins and Eddy itself may still write through it. Built-in ones too.
     */
    @Requires(value = Role.ADMIN, action = "Changing who may write through an integration")
    public Integration setDevelopersReadOnly(String name, boolean readOnly) {
        if (!repository.setDevelopersReadOnly(name, readOnly)) {
            throw IntegrationException.missing("No integration named " + name);
        }
        return get(name);
    }

    @Requires(value = Role.ADMIN, action = "Removing integrations")
    public void delete(String name) {
        Integration i = get(name);
        if (i.builtIn()) {
            throw new IntegrationException(name + " is built in and cannot be removed.");
        }
        List<String> tables = usages.orderedStream().flatMap(u -> u.tablesUsing(name).stream()).sorted().toList();
        if (!tables.isEmpty()) {
            throw new IntegrationException(name + " cannot be removed: " + (tables.size() == 1 ? "table " : "tables ")
                    + String.join(", ", tables) + (tables.size() == 1 ? " reads or writes" : " read or write")
                    + " through it. Drop or change " + (tables.size() == 1 ? "it" : "them") + " first.");
        }
        repository.delete(name);
        cache.remove(name);
        reloadKnown();
    }

    /** The names of the given secrets whose stored value differs: a plan says "changed", never the value. */
    @Requires(Role.ADMIN)
    public java.util.Set<String> changedSecrets(String name, Map<String, Secret> secrets) {
        Map<String, String> stored = repository.secrets(name);
        return secrets.entrySet().stream().filter(e -> !e.getValue().value().equals(stored.getOrDefault(e.getKey(), "")))
                .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    @Requires(value = Role.ADMIN, action = "Testing integration settings")
    public ConnectionCheck test(String name) {
        Integration i = get(name);
        return check(i, repository.secrets(name));
    }

    /**
     * Tests a draft before it is saved; secrets it leaves out come from the stored integration, unless
     * the draft points somewhere else.
     */
    @Requires(value = Role.ADMIN, action = "Testing integration settings")
    public ConnectionCheck test(IntegrationDraft draft) {
        validate(draft);
        Map<String, String> stored = storedSecretsFor(draft);
        Integration i = new Integration(0, draft.name(), draft.kind(), draft.settings(), java.util.Set.of(), false,
                false);
        return check(i, plain(draft.secrets(), stored));
    }

    /** How long the answer of a service found down stands before a look asks it again. */
    private static final java.time.Duration RETRY_DOWN_AFTER = java.time.Duration.ofSeconds(30);

    /**
     * The integration's topics or tables, from the cache when younger than five minutes. When the
     * service cannot be read, the last good metadata stays, with the error and since when it fails.
     */
    @Requires(Role.VIEWER)
    public Metadata metadata(String name) {
        Metadata cached = cache.get(name);
        if (cached != null && cached.lastError().isEmpty()
                && cached.fetchedAt().isAfter(java.time.Instant.now().minus(java.time.Duration.ofMinutes(5)))) {
            return cached;
        }
        java.time.Instant tried = lastAttempt.get(name);
        if (cached != null && cached.lastError().isPresent() && tried != null
                && tried.isAfter(java.time.Instant.now().minus(RETRY_DOWN_AFTER))) {
            // A service seen down a moment ago is not asked again on every look (each costs its
            // timeout): the last answer stands, and it is read again in the background.
            refreshInBackground(name);
            return cached;
        }
        return refresh(name);
    }

    /** Reads the integration's topics or tables now. */
    @Requires(Role.VIEWER)
    public Metadata refresh(String name) {
        lastAttempt.put(name, java.time.Instant.now());
        Integration i = get(name);
        Map<String, String> secrets = repository.secrets(name);
        Metadata previous = cache.get(name);
        Metadata fresh;
        try {
            java.util.Optional<String> unreachable = Reachability.unreachable(addresses(i));
            if (unreachable.isPresent()) {
                // Known in at most two seconds: no client timeout, and no connection test to repeat it.
                throw new Unreachable(unreachable.get());
            }
            if (i.kind() == IntegrationKind.OPENSEARCH) {
                // Nothing to browse: it receives logs. Its answer is what tells it is there.
                OpenSearchConnectionTester.client(i, secrets).describe();
                fresh = new Metadata(List.of(), List.of(), List.of(), java.time.Instant.now(), java.util.Optional.empty(),
                        java.util.Optional.empty());
            } else if (i.kind() == IntegrationKind.KAFKA) {
                KafkaBrowser.Contents kafka = KafkaBrowser.contents(kafkaClient(i, secrets));
                fresh = new Metadata(kafka.topics(), kafka.groups(), List.of(), java.time.Instant.now(),
                        java.util.Optional.empty(), java.util.Optional.empty());
            } else {
                fresh = new Metadata(List.of(), List.of(), PostgresBrowser.tables(PostgresSettings.jdbcUrl(i),
                        PostgresConnectionTester.properties(i, i.setting(PostgresSettings.READ_USER),
                                secrets.getOrDefault(PostgresSettings.READ_PASSWORD, ""))),
                        java.time.Instant.now(), java.util.Optional.empty(), java.util.Optional.empty());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException("Interrupted while reading " + name);
        } catch (Exception e) {
            // Say it in words: run the connection test, which knows how to explain the failure.
            String reason;
            if (e instanceof Unreachable) {
                reason = switch (i.kind()) {
                    case POSTGRES -> PostgresConnectionTester.unreachable(e.getMessage());
                    case OPENSEARCH -> OpenSearchConnectionTester.unreachable(e.getMessage());
                    case KAFKA -> KafkaConnectionTester.capitalize(e.getMessage());
                };
            } else {
                ConnectionCheck check = check(i, secrets);
                reason = check.ok() ? rootMessage(e) : check.summary();
            }
            java.time.Instant since = previous != null && previous.failingSince().isPresent()
                    ? previous.failingSince().get() : java.time.Instant.now();
            fresh = new Metadata(previous == null ? List.of() : previous.topics(),
                    previous == null ? List.of() : previous.groups(),
                    previous == null ? List.of() : previous.tables(),
                    previous == null ? java.time.Instant.EPOCH : previous.fetchedAt(),
                    java.util.Optional.of(reason), java.util.Optional.of(since));
        }
        cache.put(name, fresh);
        return fresh;
    }

    /**
     * The Flink connector options that reach an integration with the credential for the role: the
     * read-write one for a sink (the read-only one when no read-write user is set), else the
     * read-only one. A service last seen down is read again first, and if it still fails, this
     * says so at once instead of letting a job time out minutes later.
     */
    public Map<String, String> flinkOptions(String name, boolean write) {
        Integration i = repository.find(name).orElseThrow(() -> new IntegrationException("The table names integration "
                + name + ", which does not exist (any more): add it again on the Integrations page, or edit the table"));
        Metadata last = cache.get(name);
        // Never read, or last seen down: read now (within seconds) rather than let a job wait on it.
        if (last == null || last.lastError().isPresent()) {
            Metadata now = refresh(name);
            if (now.lastError().isPresent()) {
                throw new IntegrationException(name + " is unreachable " + now.failingSince()
                        .map(IntegrationService::since).orElse("since a moment ago") + ": " + now.lastError().get());
            }
        } else {
            // Seen up, maybe minutes ago: a Kafka source planned against a broker gone since would wait a minute
            // before failing.
            requireReachable(i);
        }
        return ConnectionOptions.flinkTable(i, repository.secrets(name), write);
    }

    /**
     * One TCP look at the service before a client is asked (a millisecond when it is up, two
     * seconds at most when not): a Kafka client would retry until its whole timeout has passed.
     */
    private void requireReachable(Integration i) {
        java.util.Optional<String> unreachable = Reachability.unreachable(addresses(i));
        if (unreachable.isPresent()) {
            refreshInBackground(i.name());
            throw new IntegrationException(i.name() + " is unreachable: " + unreachable.get());
        }
    }

    /**
     * Each integration's service, looked at over TCP (a millisecond when up, two seconds at most when
     * not): empty when it accepts connections, else why not in words. For Eddy's health, which no
     * user asks for in the console; it names services, never their credentials.
     */
    public Map<String, java.util.Optional<String>> reachability() {
        // Looked at side by side: ten services that drop connections take two seconds, not twenty.
        Map<String, java.util.concurrent.CompletableFuture<java.util.Optional<String>>> looks = new java.util.TreeMap<>();
        for (Integration i : repository.findAll()) {
            looks.put(i.name(), java.util.concurrent.CompletableFuture.supplyAsync(() -> Reachability.unreachable(addresses(i)),
                    REACHABILITY));
        }
        Map<String, java.util.Optional<String>> all = new java.util.TreeMap<>();
        looks.forEach((name, look) -> all.put(name, look.join()));
        return all;
    }

    /** At most 8 TCP looks at a time, on daemon threads that end when idle. */
    private static final java.util.concurrent.ExecutorService REACHABILITY = reachabilityPool();

    private static java.util.concurrent.ExecutorService reachabilityPool() {
        // Eight core threads that time out: a pool of core 0 and an unbounded queue would run one look at a time.
        var pool = new java.util.concurrent.ThreadPoolExecutor(8, 8, 30, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), dev.eddy.config.DaemonThreads.named("eddy-reachability"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * A connection to a PostgreSQL integration's database as its write user, for what Eddy itself
     * writes there (its metrics), never for a user's statement.
     *
     * @throws IntegrationException in words when there is no such PostgreSQL integration or it has no write user
     */
    public java.sql.Connection postgresWriter(String integration) throws java.sql.SQLException {
        Integration i = repository.find(integration).orElseThrow(() -> new IntegrationException(
                "There is no integration named " + integration));
        if (i.kind() != IntegrationKind.POSTGRES) {
            throw new IntegrationException(integration + " is not a PostgreSQL integration");
        }
        String user = i.setting(PostgresSettings.WRITE_USER);
        if (user.isBlank()) {
            throw new IntegrationException(integration + " has no write user: add one on the Integrations page, with the "
                    + "right to create a table in its database");
        }
        return java.sql.DriverManager.getConnection(PostgresSettings.jdbcUrl(i), PostgresConnectionTester.properties(i, user,
                repository.secrets(integration).getOrDefault(PostgresSettings.WRITE_PASSWORD, "")));
    }

    /** Where the service listens, as Reachability takes it: bootstrap servers, or host:port. */
    private static String addresses(Integration i) {
        return switch (i.kind()) {
            case KAFKA -> i.setting(KafkaSettings.BOOTSTRAP_SERVERS);
            case POSTGRES -> PostgresSettings.address(i);
            case OPENSEARCH -> OpenSearchSettings.address(i);
        };
    }

    /** Every OpenSearch integration, for Eddy's own work (shipping its logs), which runs as no user. */
    public List<Integration> openSearchDestinations() {
        return repository.findAll().stream().filter(i -> i.kind() == IntegrationKind.OPENSEARCH).toList();
    }

    /**
     * A client of an OpenSearch integration as its user, for what Eddy itself writes there (its logs),
     * never for a user's statement.
     *
     * @throws IntegrationException in words when there is no such OpenSearch integration
     */
    public OpenSearchClient openSearch(String integration) {
        Integration i = repository.find(integration).orElseThrow(() -> new IntegrationException(
                "There is no integration named " + integration));
        if (i.kind() != IntegrationKind.OPENSEARCH) {
            throw new IntegrationException(integration + " is not an OpenSearch integration");
        }
        return OpenSearchConnectionTester.client(i, repository.secrets(integration));
    }

    /**
     * The Avro writer schema registered under {@code id} in the integration's schema registry.
     *
     * @throws IntegrationException in words when the integration has no registry or it does not answer
     */
    public String writerSchema(String integration, int id) {
        String url = get(integration).setting(KafkaSettings.SCHEMA_REGISTRY_URL);
        if (url.isBlank()) {
            throw new IntegrationException(integration + " has no schema registry URL: add it to the integration on "
                    + "the Integrations page to read the messages' columns from their schema");
        }
        return SchemaRegistry.schemaById(url, id);
    }

    /** The latest messages of a topic, newest first, read with the read-only credential. */
    @Requires(value = Role.DEVELOPER, action = "Reading messages and rows")
    public List<TopicMessage> preview(String integration, String topic, int count) {
        Integration i = get(integration);
        if (i.kind() != IntegrationKind.KAFKA) {
            throw new IntegrationException(integration + " is not a Kafka integration");
        }
        requireReachable(i);
        try {
            return KafkaBrowser.latest(kafkaClient(i, repository.secrets(integration)), topic, count);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new IntegrationException("Could not read " + topic + " from " + integration + ": " + rootMessage(e));
        }
    }

    /**
     * The first rows of a PostgreSQL table, read with the read-only credential. {@code table} is
     * {@code schema.name} as the metadata lists it.
     */
    @Requires(value = Role.DEVELOPER, action = "Reading messages and rows")
    public TableRows previewRows(String integration, String table, int count) {
        Integration i = get(integration);
        if (i.kind() != IntegrationKind.POSTGRES) {
            throw new IntegrationException(integration + " is not a PostgreSQL integration");
        }
        int dot = table.indexOf('.');
        String schema = dot < 0 ? "public" : table.substring(0, dot);
        String name = dot < 0 ? table : table.substring(dot + 1);
        try {
            return PostgresBrowser.rows(PostgresSettings.jdbcUrl(i), PostgresConnectionTester.properties(i,
                    i.setting(PostgresSettings.READ_USER), repository.secrets(integration)
                            .getOrDefault(PostgresSettings.READ_PASSWORD, "")), schema, name, count);
        } catch (java.sql.SQLException e) {
            String reason = "42P01".equals(e.getSQLState()) ? "the table does not exist (any more)"
                    : "42501".equals(e.getSQLState()) ? i.setting(PostgresSettings.READ_USER)
                            + " may not read it: grant it SELECT" : e.getMessage();
            throw new IntegrationException("Could not read " + table + " from " + integration + ": " + reason);
        }
    }

    /** The client properties of the integration's read-only credential. */
    static java.util.Properties kafkaClient(Integration i, Map<String, String> secrets) {
        boolean sasl = i.setting(KafkaSettings.SECURITY_PROTOCOL).startsWith("SASL");
        return KafkaConnectionTester.clientProperties(i, sasl ? i.setting(KafkaSettings.READ_USER) : null,
                secrets.getOrDefault(KafkaSettings.READ_PASSWORD, ""));
    }

    /** "since 14:03:12 UTC (5 min ago)": a time a person reads, not an ISO instant with nanoseconds. */
    static String since(java.time.Instant at) {
        long seconds = Math.max(0, java.time.Duration.between(at, java.time.Instant.now()).toSeconds());
        String ago = seconds < 60 ? seconds + " s ago" : seconds < 3600 ? seconds / 60 + " min ago"
                : seconds / 3600 + " h ago";
        return "since " + java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
                .withZone(java.time.ZoneOffset.UTC).format(at) + " (" + ago + ")";
    }

    /** The service's address cannot be reached at all: said without asking its client. */
    private static final class Unreachable extends Exception {
        Unreachable(String why) {
            super(why, null, false, false);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static ConnectionCheck check(Integration i, Map<String, String> secrets) {
        return switch (i.kind()) {
            case KAFKA -> KafkaConnectionTester.test(i, secrets);
            case POSTGRES -> PostgresConnectionTester.test(i, secrets);
            case OPENSEARCH -> OpenSearchConnectionTester.test(i, secrets);
        };
    }

    private Map<String, String> storedSecretsFor(IntegrationDraft draft) {
        return repository.find(draft.name())
                .map(stored -> SecretCarryOver.kept(stored, draft, repository.secrets(draft.name())))
                .orElse(Map.of());
    }

    private static Map<String, String> plain(Map<String, Secret> given, Map<String, String> stored) {
        Map<String, String> result = new HashMap<>(stored);
        given.forEach((k, v) -> {
            if (v == null) {
                return;
            }
            if (v.isEmpty()) {
                result.remove(k);
            } else {
                result.put(k, v.value());
            }
        });
        return result;
    }

    private static void validate(IntegrationDraft d) {
        if (d.name() == null || !NAME.matcher(d.name()).matches()) {
            throw new IntegrationException("A name is lower case letters, digits and dashes, starting with a letter "
                    + "(e.g. orders-kafka)");
        }
        if (d.kind() == IntegrationKind.OPENSEARCH) {
            String url = OpenSearchSettings.urlProblem(d.settings().get(OpenSearchSettings.URL));
            if (url != null) {
                throw new IntegrationException(url);
            }
            List<String> index = OpenSearchSettings.indexProblems(d.settings().getOrDefault(OpenSearchSettings.INDEX,
                    OpenSearchSettings.DEFAULT_INDEX));
            if (!index.isEmpty()) {
                throw new IntegrationException(String.join("; ", index));
            }
            String level = d.settings().getOrDefault(OpenSearchSettings.LEVEL, "INFO");
            if (!OpenSearchSettings.LEVELS.contains(level)) {
                throw new IntegrationException("The level of the logs to ship is one of " + String.join(", ",
                        OpenSearchSettings.LEVELS) + "; got '" + level + "'");
            }
        } else if (d.kind() == IntegrationKind.KAFKA) {
            if (d.settings().getOrDefault(KafkaSettings.BOOTSTRAP_SERVERS, "").isBlank()) {
                throw new IntegrationException("Bootstrap servers are needed, e.g. broker-1:9092,broker-2:9092");
            }
        } else {
            for (String key : List.of(PostgresSettings.HOST, PostgresSettings.PORT, PostgresSettings.DATABASE,
                    PostgresSettings.READ_USER)) {
                if (d.settings().getOrDefault(key, "").isBlank()) {
                    throw new IntegrationException("PostgreSQL needs a host, a port, a database and a read-only user; "
                            + key + " is missing");
                }
            }
            if (!d.settings().get(PostgresSettings.PORT).matches("\\d{1,5}")) {
                throw new IntegrationException("The port must be a number, e.g. 5432");
            }
        }
    }
}
