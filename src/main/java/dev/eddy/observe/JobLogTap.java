package dev.eddy.observe;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the latest lines each Flink job logs inside Eddy's JVM (the embedded cluster): Flink puts
 * the job's id in the logging context ({@code flink-job-id}) of every thread working for it, so its
 * tasks' and its JobMaster's lines are told apart from everything else without parsing text.
 */
@Component
class JobLogTap extends AppenderBase<ILoggingEvent> implements ch.qos.logback.classic.spi.LoggerContextListener, AutoCloseable {
    static final String JOB_ID = "flink-job-id";
    private static final int LINES_PER_JOB = 1_000;
    private static final int JOBS = 200;
    private static final int TRACE_LINES = 8;
    private final Map<String, Deque<JobLogLine>> byJob = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<JobLogLine>> eldest) {
            return size() > JOBS;
        }
    };

    JobLogTap() {
        this(LoggerFactory.getILoggerFactory() instanceof LoggerContext context ? context : null);
    }

    /** Taps {@code context} (Eddy's own; a test's), or nothing when logging is not logback's. */
    JobLogTap(LoggerContext context) {
        if (context != null) {
            setContext(context);
            setName("eddy-job-log-tap");
            start();
            context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(this);
            // Logging set up again (Spring does, for another application context in the same JVM) stops and
            // drops every appender and even the listeners that survive a reset: this one comes back at once
            // when it can, and within a second when it cannot.
            context.addListener(this);
            watch.scheduleWithFixedDelay(() -> stayAttached(context), 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private final java.util.concurrent.ScheduledExecutorService watch =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(dev.eddy.config.DaemonThreads.named("eddy-job-log-tap"));

    private void stayAttached(LoggerContext context) {
        if (!context.getLogger(Logger.ROOT_LOGGER_NAME).isAttached(this) || !isStarted()) {
            onReset(context);
        }
        if (!context.getCopyOfListenerList().contains(this)) {
            context.addListener(this);
        }
    }

    @Override
    public boolean isResetResistant() {
        return true;
    }

    @Override
    public synchronized void onReset(LoggerContext context) {
        start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (!root.isAttached(this)) {
            root.addAppender(this);
        }
    }

    @Override
    public void onStart(LoggerContext context) {
        // Nothing to do: attached when made, again after each reset.
    }

    @Override
    public void onStop(LoggerContext context) {
        // Nothing to keep: the lines are in memory only.
    }

    @Override
    public void onLevelChange(Logger logger, ch.qos.logback.classic.Level level) {
        // Levels decide what reaches the appender; nothing to do here.
    }

    private final List<java.util.function.Consumer<ILoggingEvent>> followers = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Hands every event logged in this JVM to {@code follower} too, on the thread that logs it: it must not log. */
    void follow(java.util.function.Consumer<ILoggingEvent> follower) {
        followers.add(follower);
    }

    void unfollow(java.util.function.Consumer<ILoggingEvent> follower) {
        followers.remove(follower);
    }

    @Override
    protected void append(ILoggingEvent event) {
        for (java.util.function.Consumer<ILoggingEvent> f : followers) {
            f.accept(event);
        }
        String job = event.getMDCPropertyMap().get(JOB_ID);
        if (job == null) {
            return;
        }
        JobLogLine line = new JobLogLine(Instant.ofEpochMilli(event.getTimeStamp()), event.getLevel().toString(), "Eddy (embedded Flink)",
                event.getLoggerName(), event.getFormattedMessage() + trace(event.getThrowableProxy()));
        synchronized (byJob) {
            Deque<JobLogLine> lines = byJob.computeIfAbsent(job, k -> new ArrayDeque<>());
            if (lines.size() == LINES_PER_JOB) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }
    }

    /** The last {@code max} lines the Flink job logged in this JVM, oldest first. */
    List<JobLogLine> lines(String flinkJobId, int max) {
        // Logging set up again (another Spring context in the same JVM) drops appenders: this one comes back.
        if (getContext() instanceof LoggerContext context) {
            stayAttached(context);
        }
        synchronized (byJob) {
            Deque<JobLogLine> lines = byJob.get(flinkJobId);
            if (lines == null) {
                return List.of();
            }
            return List.copyOf(lines).subList(Math.max(0, lines.size() - max), lines.size());
        }
    }

    /** The exception and its causes, a few frames each: enough to read, not a wall. */
    static String trace(IThrowableProxy t) {
        if (t == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        int frames = 0;
        for (IThrowableProxy c = t; c != null && frames < TRACE_LINES * 3; c = c.getCause()) {
            b.append('\n').append(c == t ? "" : "Caused by: ").append(c.getClassName()).append(": ").append(c.getMessage());
            var stack = c.getStackTraceElementProxyArray();
            for (int i = 0; i < Math.min(TRACE_LINES, stack.length); i++, frames++) {
                b.append("\n\tat ").append(stack[i].getStackTraceElement());
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        watch.shutdownNow();
        if (getContext() instanceof LoggerContext context) {
            context.removeListener(this);
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        }
        stop();
    }
}
