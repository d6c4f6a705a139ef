package dev.eddy.cluster;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The task failures TaskManagers in Eddy's JVM (the embedded cluster) log. When a task's clean-up
 * fails too, Flink closes the TaskManager and its exception history only says "the TaskExecutor is
 * shutting down"; the real cause is in this log line, keyed by the task's job vertex.
 */
@Component
public class TaskFailureLog extends AppenderBase<ILoggingEvent> implements LoggerContextListener {
    private static final String TASK_LOGGER = "org.apache.flink.runtime.taskmanager.Task";
    private static final Pattern ATTEMPT = Pattern.compile("\\(([0-9a-f]{32})_([0-9a-f]{32})_\\d+_\\d+\\) switched from \\w+ to FAILED");
    private static final int KEPT = 100;
    private final Deque<Failure> failures = new ArrayDeque<>();
    /** Looks every second that it still listens (see {@link #onStop}). */
    private final java.util.concurrent.ScheduledExecutorService watch =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(dev.eddy.config.DaemonThreads.named("eddy-task-failure-log"));

    /** A logged task failure: the job vertex it hit, when, and its trace. */
    public record Failure(String vertexId, Instant at, String trace) {}

    TaskFailureLog() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            setContext(context);
            setName("eddy-task-failures");
            attach(context);
            context.addListener(this);
            watch.scheduleWithFixedDelay(() -> attach(context), 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private synchronized void attach(LoggerContext context) {
        Logger task = context.getLogger(TASK_LOGGER);
        if (!isStarted()) {
            start();
        }
        if (!task.isAttached(this)) {
            task.addAppender(this);
        }
    }

    @jakarta.annotation.PreDestroy
    void detach() {
        watch.shutdownNow();
        if (getContext() instanceof LoggerContext context) {
            context.removeListener(this);
            context.getLogger(TASK_LOGGER).detachAppender(this);
        }
        stop();
    }

    /**
     * Every Spring Boot application starting in this JVM resets Logback, which stops and detaches
     * every appender (a test JVM runs several): listen again, or a failure's cause goes unheard.
     * Spring Boot stops the context before resetting it, which drops every listener, this one too:
     * the watch attaches the appender again within a second.
     */
    @Override
    public void onReset(LoggerContext context) {
        attach(context);
    }

    @Override
    public boolean isResetResistant() {
        return true;
    }

    @Override
    public void onStart(LoggerContext context) {}

    @Override
    public void onStop(LoggerContext context) {}

    @Override
    public void onLevelChange(Logger logger, Level level) {}

    @Override
    protected void append(ILoggingEvent event) {
        Matcher m = ATTEMPT.matcher(event.getFormattedMessage());
        if (m.find() && event.getThrowableProxy() != null) {
            synchronized (failures) {
                failures.addFirst(new Failure(m.group(2), Instant.ofEpochMilli(event.getTimeStamp()),
                        trace(event.getThrowableProxy())));
                while (failures.size() > KEPT) {
                    failures.removeLast();
                }
            }
        }
    }

    /** The earliest logged failure since {@code since} of one of the vertices that is not a mere consequence. */
    public Optional<Failure> firstFailure(Set<String> vertexIds, Instant since) {
        synchronized (failures) {
            Failure first = null;
            for (Failure f : failures) {
                if (vertexIds.contains(f.vertexId()) && !f.at().isBefore(since) && !FailureCause.isConsequence(f.trace())) {
                    first = f;
                }
            }
            return Optional.ofNullable(first);
        }
    }

    private static String trace(IThrowableProxy proxy) {
        StringBuilder text = new StringBuilder();
        for (IThrowableProxy t = proxy; t != null; t = t.getCause()) {
            text.append(t == proxy ? "" : "Caused by: ").append(t.getClassName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            }
            text.append('\n');
        }
        return text.toString();
    }
}
