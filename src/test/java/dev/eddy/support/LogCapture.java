package dev.eddy.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Records every log line of some loggers at a chosen level, stack traces included, without
 * printing them: proof of what would reach a log file when an operator turns debugging on.
 */
public final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Logger> loggers = new ArrayList<>();
    private final Map<Logger, Level> levels = new HashMap<>();
    private final Map<Logger, Boolean> additivity = new HashMap<>();

    private LogCapture(Level level, String... names) {
        appender.start();
        for (String name : names) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            loggers.add(logger);
            levels.put(logger, logger.getLevel());
            additivity.put(logger, logger.isAdditive());
            logger.setLevel(level);
            logger.setAdditive(false);
            logger.addAppender(appender);
        }
    }

    public static LogCapture at(Level level, String... loggers) {
        return new LogCapture(level, loggers);
    }

    /** Every captured line: message, then its stack trace when it has one. */
    public String text() {
        StringBuilder s = new StringBuilder();
        for (ILoggingEvent e : List.copyOf(appender.list)) {
            s.append(e.getLoggerName()).append(' ').append(e.getFormattedMessage()).append('\n');
            if (e.getThrowableProxy() != null) {
                s.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
            }
        }
        return s.toString();
    }

    public int lines() {
        return appender.list.size();
    }

    @Override
    public void close() {
        for (Logger logger : loggers) {
            logger.detachAppender(appender);
            logger.setLevel(levels.get(logger));
            logger.setAdditive(additivity.get(logger));
        }
        appender.stop();
    }
}
