package dev.eddy.embedded;

import dev.eddy.config.OwnerOnlyFile;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * Eddy's own S3 API server (S3Proxy over a directory of Eddy's data) for the managed plans'
 * checkpoints and savepoints: a process of its own, outliving Eddy like the cluster it serves, on
 * loopback, with keys made once and kept owner-only; its files are its owner's alone, so nothing is
 * served without the keys.
 */
final class S3Server {
    static final String MAIN = "org.gaul.s3proxy.Main";
    private final Path dir;
    private final Path dataDir;
    private final String bucket;
    private final ManagedProcess process;
    private Properties settings;

    /** {@code dir} holds the process's pid, logs and settings; {@code dataDir} the buckets. */
    S3Server(Path dir, Path dataDir, String bucket) {
        this.dir = dir.toAbsolutePath().normalize();
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.bucket = bucket;
        this.process = new ManagedProcess("The S3 API server", this.dir);
    }

    ManagedProcess process() {
        return process;
    }

    /** Its address and keys: made at the first start, the same ever after (Flink's configuration names them). */
    ObjectStorage prepare() throws IOException {
        settings = readOrWriteSettings();
        return storage();
    }

    /** Starts the server (or takes over the one still running) and waits until it answers. */
    void start() throws Exception {
        if (settings == null) {
            prepare();
        }
        if (!process.adopt()) {
            launch();
        }
        awaitAnswer(Duration.ofSeconds(60));
    }

    /** Starts it again after it died, on the same port with the same keys (Flink's configuration names them). */
    void restart() throws IOException {
        process.countRestart();
        launch();
    }

    private ObjectStorage storage() {
        return new ObjectStorage(settings.getProperty("s3proxy.endpoint"), bucket, settings.getProperty("s3proxy.identity"),
                settings.getProperty("s3proxy.credential"));
    }

    private void launch() throws IOException {
        ownerOnlyDirectory(dataDir);
        ownerOnlyDirectory(dataDir.resolve(bucket));
        Path jar = BundledProgram.copy("s3proxy.jar", dir.getParent().resolve("programs").resolve("s3proxy.jar"));
        process.start(List.of("-Xmx128m", "-Xss512k", "-XX:+UseSerialGC"), jar.toString(), MAIN,
                List.of("--properties", settingsFile().toString()));
    }

    private Properties readOrWriteSettings() throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        if (Files.isRegularFile(settingsFile())) {
            try (Reader in = Files.newBufferedReader(settingsFile())) {
                p.load(in);
            }
            return p;
        }
        int port = Ports.claim(0, "the S3 API server", "");
        p.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", "eddy");
        p.setProperty("s3proxy.credential", OwnerOnlyFile.randomPassword());
        p.setProperty("jclouds.provider", "filesystem");
        p.setProperty("jclouds.filesystem.basedir", dataDir.toString());
        java.io.StringWriter text = new java.io.StringWriter();
        p.store(text, "Eddy's S3 API server: written once, its keys are secrets");
        OwnerOnlyFile.write(settingsFile(), text.toString());
        return p;
    }

    private void awaitAnswer(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI endpoint = URI.create(settings.getProperty("s3proxy.endpoint") + "/");
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The S3 API server stopped while starting: see "
                        + process.logFile() + " and " + process.logFile().resolveSibling("console.out"));
            }
            try {
                // Any S3 answer (an anonymous request is refused) means it serves.
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (answer.body().contains("<Error>") || answer.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + answer.statusCode();
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("The S3 API server did not answer at " + endpoint + " within "
                + timeout.toSeconds() + " s (" + last + "): see " + process.logFile());
    }

    private Path settingsFile() {
        return dir.resolve("s3proxy.properties");
    }

    private static void ownerOnlyDirectory(Path path) throws IOException {
        Files.createDirectories(path);
        try {
            // S3Proxy serves a bucket or object others may read without keys: nothing here is.
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing is public there.
        }
    }
}
