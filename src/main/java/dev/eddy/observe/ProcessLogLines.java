package dev.eddy.observe;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the lines of a Flink process's log file back into records: Eddy's processes' pattern (ISO
 * time with its offset, level, thread, the job's id), and Flink's default one for remote clusters'
 * processes; a line of neither shape (a stack frame, a message's second line) belongs to the record
 * before it.
 */
final class ProcessLogLines {
    /** Eddy's processes: {@code 2026-12-01T05:12:03.123+00:00 INFO  [thread] job=<id> logger - message}. */
    static final Pattern EDDY = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2}T[\\d:.]+(?:Z|[+-]\\d{2}:\\d{2}))\\s+(\\w+)\\s+\\[(.*?)]\\s+(?:job=(\\S+)\\s+)?(\\S+) - (.*)$");
    /** Flink's log4j default: {@code 2026-12-01 05:12:03,123 INFO  org.apache.flink.X [] - message}, local time taken as UTC. */
    private static final Pattern FLINK = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3})\\s+(\\w+)\\s+(\\S+)\\s+(?:\\[(.*?)]\\s+)?- (.*)$");
    private static final DateTimeFormatter FLINK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    private static final int MAX_ERROR_CHARS = 8_000;

    private ProcessLogLines() {}

    /** The records of consecutive lines of one process's log; {@code now} dates what carries no time. */
    static List<LogRecord> parse(String process, String host, List<String> lines, Instant now) {
        List<LogRecord> records = new ArrayList<>();
        StringBuilder error = null;
        LogRecord open = null;
        for (String line : lines) {
            LogRecord record = record(process, host, line);
            if (record == null && open != null) {
                if (error == null) {
                    error = new StringBuilder();
                } else {
                    error.append('\n');
                }
                if (error.length() < MAX_ERROR_CHARS) {
                    error.append(line);
                }
                continue;
            }
            if (open != null) {
                records.add(closed(open, error));
            }
            error = null;
            open = record != null ? record : new LogRecord(now, "INFO", process, host, null, null, line, null, null, null);
        }
        if (open != null) {
            records.add(closed(open, error));
        }
        return records;
    }

    private static LogRecord closed(LogRecord r, StringBuilder error) {
        return error == null ? r : new LogRecord(r.at(), r.level(), r.process(), r.host(), r.logger(), r.thread(),
                r.message(), error.toString(), r.flinkJobId(), r.job());
    }

    /** One line's record, or null when the line continues the one before. */
    static LogRecord record(String process, String host, String line) {
        Matcher m = EDDY.matcher(line);
        if (m.matches()) {
            Instant at;
            try {
                at = OffsetDateTime.parse(m.group(1)).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
            return new LogRecord(at, m.group(2), process, host, m.group(5), m.group(3), m.group(6), null, m.group(4), null);
        }
        m = FLINK.matcher(line);
        if (m.matches()) {
            Instant at;
            try {
                at = LocalDateTime.parse(m.group(1), FLINK_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                return null;
            }
            return new LogRecord(at, m.group(2), process, host, m.group(3), null, m.group(5), null, null, null);
        }
        return null;
    }
}
