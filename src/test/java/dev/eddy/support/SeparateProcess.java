package dev.eddy.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A service a test runs in a JVM of its own: waiting until it answers, and its log's tail when it dies. */
public final class SeparateProcess {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SeparateProcess() {}

    /** Waits until {@code url} answers 200; fails at once, with the log's tail, if the process exits. */
    public static void awaitHttp(Process process, String what, String url, Duration timeout, Path log) {
        Await.until(what + " to answer at " + url, timeout, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(what + " exited: " + tail(log));
            }
            return status(url);
        }, code -> code == 200);
    }

    /** The last 40 lines of a log, for a failure message. */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
