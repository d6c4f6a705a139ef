package dev.eddy.observe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One log line as a structured record: when, how severe, which process of which host wrote it, the
 * logger, the thread, the message, the exception (classes, messages and a few frames), and the Flink
 * job it was about, with Eddy's job when Eddy knows it. Shipped as one OpenSearch document.
 */
public record LogRecord(Instant at, String level, String process, String host, String logger, String thread,
        String message, String error, String flinkJobId, String job) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The same record about Eddy's job {@code name}. */
    LogRecord withJob(String name) {
        return new LogRecord(at, level, process, host, logger, thread, message, error, flinkJobId, name);
    }

    /** Whether the record is at least as severe as {@code least} (INFO, WARN or ERROR). */
    boolean atLeast(String least) {
        return rank(level) >= rank(least);
    }

    private static int rank(String level) {
        return switch (level == null ? "" : level) {
            case "ERROR" -> 4;
            case "WARN" -> 3;
            case "INFO" -> 2;
            case "DEBUG" -> 1;
            default -> 0;
        };
    }

    /** The document: OpenSearch's usual {@code @timestamp}, and no field for what is not known. */
    String json() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("@timestamp", at.toString());
        doc.put("level", level);
        doc.put("process", process);
        put(doc, "host", host);
        put(doc, "logger", logger);
        put(doc, "thread", thread);
        doc.put("message", message);
        put(doc, "error", error);
        put(doc, "flink_job_id", flinkJobId);
        put(doc, "job", job);
        return doc.toString();
    }

    private static void put(ObjectNode doc, String field, String value) {
        if (value != null && !value.isEmpty()) {
            doc.put(field, value);
        }
    }
}
