package dev.eddy.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import dev.eddy.config.OwnerOnlyFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from zonky's packaged binaries, its data kept in a directory of
 * Eddy's so it survives restarts.
 *
 * <p>Eddy runs initdb and pg_ctl itself rather than through zonky's launcher: PostgreSQL refuses to
 * run as root, and CI runs as root. Under root every command runs inside {@code unshare -U}, a
 * user namespace where the process is unprivileged but still owns the files it writes.
 */
final class PostgresServer implements AutoCloseable {
    static final String VERSION = "17.6.0";
    static final String SUPERUSER = "postgres";
    private static final String BINARIES = "/postgres-linux-x86_64.txz";
    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

    private final Path baseDir;
    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private Path binDir;
    private boolean running;
    private String superuserPassword;

    PostgresServer(Path baseDir, int port) {
        this.baseDir = baseDir;
        this.dataDir = baseDir.resolve("data");
        this.logFile = baseDir.resolve("postgres.log");
        this.port = port;
    }

    /**
     * Stops a PostgreSQL an earlier Eddy left running on this data directory (killed with -9, its
     * child survived), before this start checks its port: the data is Eddy's, so is the server.
     */
    static boolean stopLeftover(Path baseDir) {
        // Smart shutdown: the dead Eddy's connections are gone, so it ends at once; killed only if not.
        return LeftoverProcess.stopIfOurs(baseDir.resolve("data").resolve("postmaster.pid"), "postgres", Duration.ofSeconds(30));
    }

    void start() {
        binDir = installBinaries().resolve("bin");
        try {
            Files.createDirectories(dataDir.getParent());
            if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
                run(List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", SUPERUSER,
                        "-A", "trust", "-E", "UTF8", "--no-locale", "--no-instructions"), 120);
            }
            Path passwordFile = baseDir.resolve("superuser.password");
            boolean protectedAlready = Files.exists(passwordFile);
            // Until the superuser has its password (a new or an older data directory), loopback is trusted for it.
            writeAccessRules(!protectedAlready);
            if (isRunning()) {
                // A previous Eddy died without stopping it: this data directory is ours, so restart it.
                log.warn("PostgreSQL on {} was left running by an earlier Eddy; stopping it first", dataDir);
                stop();
            }
            run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l", logFile.toString(),
                    "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''",
                    "-w", "-t", "60", "start"), 90);
            running = true;
            if (protectedAlready) {
                superuserPassword = Files.readString(passwordFile).strip();
            } else {
                String chosen = OwnerOnlyFile.randomPassword();
                try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
                     Statement s = c.createStatement()) {
                    s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + chosen + "'");
                }
                // Written only once the server holds it: a crash in between leaves trust for the next start to retry.
                superuserPassword = OwnerOnlyFile.readOrCreate(passwordFile, () -> chosen);
                writeAccessRules(false);
                run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "reload"), 30);
                log.info("The embedded PostgreSQL superuser now has a password, kept in {} (owner only)", passwordFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL could not start in " + dataDir + ": " + e.getMessage()
                    + ". Its log is " + logFile, e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not give the embedded PostgreSQL superuser a password: "
                    + e.getMessage(), e);
        }
    }

    /** The superuser's password, kept owner-only beside the data: Eddy's and its tests' way in. */
    String superuserPassword() {
        return superuserPassword;
    }

    /**
     * A login role with a password kept owner-only beside the data (made on first use); returns the
     * password. Grants are the caller's.
     */
    String ensureRole(String role) {
        try {
            String password = OwnerOnlyFile.readOrCreate(baseDir.resolve(role + ".password"), OwnerOnlyFile::randomPassword);
            try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, superuserPassword);
                 Statement s = c.createStatement()) {
                s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN "
                        + "CREATE ROLE " + role + " LOGIN; END IF; END $$");
                s.execute("ALTER ROLE " + role + " PASSWORD '" + password + "'");
            }
            return password;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not prepare the PostgreSQL role " + role + ": " + e.getMessage(), e);
        }
    }

    /** Runs statements as the superuser in one database. */
    void execute(String database, String... statements) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(database), SUPERUSER, superuserPassword);
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare database " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * Written at every start: every role gives its password (SCRAM), only from this machine. Only
     * while the superuser has no password yet (the first start of a data directory) is it trusted.
     */
    private void writeAccessRules(boolean trustSuperuser) throws IOException {
        String superuser = trustSuperuser ? "host    all       %s  127.0.0.1/32  trust\n".formatted(SUPERUSER) : "";
        Files.writeString(dataDir.resolve("pg_hba.conf"), """
                # Written by Eddy at each start; edits here are replaced.
                # TYPE  DATABASE  USER      ADDRESS       METHOD
                %shost    all       all       127.0.0.1/32  scram-sha-256
                """.formatted(superuser), StandardCharsets.UTF_8);
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    int port() {
        return port;
    }

    /** Creates the database unless it exists already; returns true when it was created. */
    boolean ensureDatabase(String name) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, superuserPassword);
             PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE \"" + name + "\"");
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (running) {
            try {
                stop();
            } catch (IOException | RuntimeException e) {
                log.warn("PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
            running = false;
        }
    }

    private void stop() throws IOException {
        run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60",
                "stop"), 90);
    }

    private boolean isRunning() throws IOException {
        if (!Files.exists(dataDir.resolve("postmaster.pid"))) {
            return false;
        }
        return exec(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "status"), 30).exitCode == 0;
    }

    private void run(List<String> command, int timeoutSeconds) throws IOException {
        Result result = exec(command, timeoutSeconds);
        if (result.exitCode != 0) {
            throw new IOException(Path.of(command.get(0)).getFileName() + " failed (exit " + result.exitCode + "): "
                    + result.output.strip());
        }
    }

    private record Result(int exitCode, String output) {}

    private Result exec(List<String> command, int timeoutSeconds) throws IOException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.add("unshare");
            full.add("-U");
        }
        full.addAll(command);
        // Output goes to a file, not a pipe: the server pg_ctl forks would otherwise inherit the pipe.
        Path output = Files.createTempFile("eddy-pg-command", ".log");
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * Unpacks the binaries once per version into the temp directory, shared by every Eddy on the
     * machine; an atomic rename keeps two starting at once from seeing half an installation.
     */
    private static Path installBinaries() {
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "eddy-postgres-" + VERSION);
        if (Files.isExecutable(target.resolve("bin/pg_ctl"))) {
            return target;
        }
        try (InputStream packaged = PostgresServer.class.getResourceAsStream(BINARIES)) {
            if (packaged == null) {
                throw new IllegalStateException("The embedded PostgreSQL binaries (" + BINARIES + ") are missing: "
                        + "the embedded stack runs on Linux x86-64 only. Elsewhere, set "
                        + "eddy.embedded.postgres.enabled=false and point eddy.store.url at a PostgreSQL server.");
            }
            Path staging = Files.createTempDirectory(target.getParent(), "eddy-postgres-staging");
            untar(packaged, staging);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // Another Eddy won the race; its copy is as good as ours.
                deleteRecursively(staging);
            } catch (IOException e) {
                if (!Files.isExecutable(target.resolve("bin/pg_ctl"))) {
                    throw e;
                }
                deleteRecursively(staging);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the embedded PostgreSQL binaries: " + e.getMessage(), e);
        }
    }

    private static void untar(InputStream packaged, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(packaged)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("Unsafe path in the PostgreSQL archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> result = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                result.add(bits[i]);
            }
        }
        result.add(PosixFilePermission.OWNER_READ);
        return result;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
