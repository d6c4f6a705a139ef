package dev.eddy.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration directory of the cluster Eddy runs as processes: {@code config.yaml} (flat keys,
 * owner-only from its first byte: it holds the object storage's keys) and the processes' logback file.
 */
final class FlinkConfigFile {
    private static final String LOGBACK = """
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
                <!-- A line a job's thread logs names the job (Flink's MDC): the job page's Logs tab finds its lines by it. -->
                <encoder><pattern>%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %replace(%X{flink-job-id}){'^(.+)$','job=$1 '}%logger{36} - %msg%n</pattern></encoder>
              </appender>
              <root level="INFO"><appender-ref ref="file"/></root>
            </configuration>
            """;
    /** The pattern of the processes' log lines, for the test that reads them back. */
    static String logPattern() {
        int from = LOGBACK.indexOf("<pattern>") + "<pattern>".length();
        return LOGBACK.substring(from, LOGBACK.indexOf("</pattern>"));
    }

    private final Path dir;

    FlinkConfigFile(Path dir) {
        this.dir = dir;
    }

    /** The directory Flink's processes are given as {@code --configDir}. */
    Path dir() {
        return dir;
    }

    /** The configuration the running cluster started with; empty when none was written yet. */
    Map<String, String> read() throws IOException {
        Map<String, String> read = new LinkedHashMap<>();
        Path file = dir.resolve("config.yaml");
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

    /** Writes {@code all} as the configuration (and the logback file beside it). */
    void write(Map<String, String> all) throws IOException {
        Files.createDirectories(dir);
        StringBuilder yaml = new StringBuilder("# Written by Eddy for the cluster it runs; a new start writes it again.\n");
        all.forEach((k, v) -> yaml.append(k).append(": ").append(quote(v)).append('\n'));
        dev.eddy.config.OwnerOnlyFile.write(dir.resolve("config.yaml"), yaml.toString());
        Files.writeString(dir.resolve("logback.xml"), LOGBACK);
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String unquote(String value) {
        String v = value.strip();
        return v.startsWith("'") && v.endsWith("'") && v.length() >= 2 ? v.substring(1, v.length() - 1).replace("''", "'") : v;
    }
}
