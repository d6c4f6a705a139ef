package dev.eddy.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Flink's SQL Gateway as a process of its own in front of a cluster, set up as the docs tell a team
 * running a remote cluster: Flink's and the connectors' jars plus {@code target/eddy-flink-catalog.jar}
 * on its class path, Eddy's store address and key in its environment, nothing of Eddy's own classes.
 */
public final class SeparateSqlGateway implements AutoCloseable {
    private static final Path CATALOG_JAR = Path.of("target/eddy-flink-catalog.jar").toAbsolutePath();
    private final Process process;
    private final int port;
    private final Path log;

    private SeparateSqlGateway(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts it in {@code dir} for the JobManager at {@code jobManagerUrl}, with {@code environment} added. */
    public static SeparateSqlGateway start(Path dir, String jobManagerUrl, Map<String, String> environment) throws IOException {
        java.net.URI jobManager = java.net.URI.create(jobManagerUrl);
        int port = FreePorts.any();
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("config.yaml"), "");
        Files.writeString(conf.resolve("logback.xml"), """
                <configuration>
                  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="out"/></root>
                </configuration>
                """);
        Path log = dir.resolve("sql-gateway.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Dlogback.configurationFile=" + conf.resolve("logback.xml").toAbsolutePath(), "-cp", classPath(), "org.apache.flink.table.gateway.SqlGateway",
                "-Dsql-gateway.endpoint.rest.address=127.0.0.1", "-Dsql-gateway.endpoint.rest.bind-address=127.0.0.1",
                "-Dsql-gateway.endpoint.rest.port=" + port, "-Dexecution.target=remote",
                "-Drest.address=" + jobManager.getHost(), "-Drest.port=" + jobManager.getPort()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("FLINK_CONF_DIR", conf.toAbsolutePath().toString());
        builder.environment().putAll(environment);
        SeparateSqlGateway gateway = new SeparateSqlGateway(builder.start(), port, log);
        SeparateProcess.awaitHttp(gateway.process, "the separate SQL Gateway", gateway.url() + "/v1/info",
                Duration.ofSeconds(120), log);
        return gateway;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** The test run's jars (Flink, connectors, the PostgreSQL driver) and the catalog jar, without Eddy's classes. */
    private static String classPath() {
        if (!Files.isRegularFile(CATALOG_JAR)) {
            throw new IllegalStateException(CATALOG_JAR + " is missing: `mvn package` builds it");
        }
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path target = Path.of("target").toAbsolutePath();
        List<String> entries = new ArrayList<>(Arrays.stream(path.split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar") && !Path.of(e).toAbsolutePath().startsWith(target)).toList());
        entries.add(CATALOG_JAR.toString());
        return String.join(File.pathSeparator, entries);
    }
}
