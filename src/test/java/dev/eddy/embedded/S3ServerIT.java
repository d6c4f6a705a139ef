package dev.eddy.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eddy's S3 API server: a process of its own on loopback that serves nothing without its keys and keeps its address. */
class S3ServerIT {
    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void itAnswersOnlyWithItsKeysIsTakenOverByTheNextEddyAndComesBackOnItsAddress() throws Exception {
        Path nodes = dir.resolve("nodes");
        Files.createDirectories(nodes.resolve("conf"));
        S3Server server = new S3Server(nodes.resolve("s3"), dir.resolve("object-storage"), "eddy");
        try {
            ObjectStorage storage = server.prepare();
            server.start();
            assertThat(storage.endpoint()).startsWith("http://127.0.0.1:");
            assertThat(storage.secretKey()).hasSizeGreaterThanOrEqualTo(32);
            assertThat(storage.toString()).doesNotContain(storage.secretKey());
            for (String path : new String[] {"/", "/eddy"}) {
                assertThat(status(storage.endpoint() + path)).as("GET %s without keys", path).isEqualTo(403);
            }
            // S3Proxy serves without keys an object that others may read on disk: everything it writes is its owner's alone.
            long pid = server.process().pid().orElseThrow();
            assertThat(Files.readAllLines(Path.of("/proc/" + pid + "/status"))).contains("Umask:\t0077");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("object-storage/eddy"))))
                    .isEqualTo("rwx------");

            // The next Eddy finds it running and takes it over, with the same address and keys.
            S3Server next = new S3Server(nodes.resolve("s3"), dir.resolve("object-storage"), "eddy");
            assertThat(next.prepare()).isEqualTo(storage);
            next.start();
            assertThat(next.process().pid()).isEqualTo(server.process().pid());

            // Killed, it is started again where Flink's configuration expects it.
            long first = next.process().pid().orElseThrow();
            ProcessHandle killed = ProcessHandle.of(first).orElseThrow();
            killed.destroyForcibly();
            killed.onExit().join();
            next.restart();
            next.start();
            assertThat(next.process().pid()).isPresent().isNotEqualTo(java.util.Optional.of(first));
            assertThat(status(storage.endpoint() + "/eddy")).isEqualTo(403);
            assertThat(next.process().restarts()).isEqualTo(1);
            server = next;
        } finally {
            server.process().stop(5_000);
        }
    }

    private int status(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
