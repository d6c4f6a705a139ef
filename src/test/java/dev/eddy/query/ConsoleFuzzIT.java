package dev.eddy.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.cluster.JobManagerClient;
import dev.eddy.cluster.JobSummary;
import dev.eddy.gateway.GatewayException;
import dev.eddy.sql.SqlFuzzTest;
import dev.eddy.support.Await;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Mutated statements (cut, duplicated, swapped, salted with stray quotes and brackets) through the
 * console's whole path, the real gateway and cluster included: each ends, none is refused with a
 * stack trace or a bare exception name for its words, and no Flink job is left behind. Only
 * statements that cannot change what other tests share (no INSERT, ALTER or catalog table). Count:
 * {@code -Deddy.fuzz.statements} (100 in {@code mvn verify}; 1,000 for the soak).
 */
@EddyIntegrationTest
class ConsoleFuzzIT {
    private static final int COUNT = Integer.getInteger("eddy.fuzz.statements", 100);
    private static final Pattern TRACE = Pattern.compile("\\tat |^\\s*at [a-z]+(\\.[a-z0-9_]+)+\\.|^[a-z]+(\\.[a-z0-9_]+)+\\.[A-Z]\\w*(Exception|Error)(:|$)");

    @Autowired
    QueryService queries;
    @Autowired
    JobManagerClient jobManager;

    @Test
    void mutatedStatementsThroughTheConsoleEndInWordsAndLeaveNoJob() throws Exception {
        List<String> mutants = new ArrayList<>(SqlFuzzTest.mutants(new Random(15)).stream()
                .filter(ConsoleFuzzIT::harmless).toList());
        Collections.shuffle(mutants, new Random(15));
        mutants = new ArrayList<>(mutants.subList(0, Math.min(COUNT, mutants.size())));
        // And the statements unmutated, so queries that run are stopped on this path too.
        SqlFuzzTest.STATEMENTS.stream().filter(ConsoleFuzzIT::harmless).forEach(mutants::add);
        java.util.Set<String> before = jobManager.jobs().stream().filter(JobSummary::isRunning).map(JobSummary::id)
                .collect(java.util.stream.Collectors.toSet());
        List<String> problems = new ArrayList<>();
        int failed = 0;
        int ran = 0;
        long t0 = System.nanoTime();
        try (SqlConsole console = queries.openConsole("it-console-fuzz")) {
            for (String statement : mutants) {
                RecordingListener recorder = new RecordingListener();
                RunningQuery query;
                try {
                    query = console.run(statement, recorder);
                } catch (GatewayException refusedAtOnce) {
                    check(statement, refusedAtOnce, problems);
                    failed++;
                    continue;
                }
                // A query that runs is stopped once it shows its columns: its job must not outlive it.
                CompletableFuture.anyOf(recorder.finished, recorder.failed, CompletableFuture.runAsync(() ->
                        Await.until("columns", Duration.ofSeconds(30), recorder.columns::get, c -> c != null)))
                        .exceptionally(e -> null).get(60, TimeUnit.SECONDS);
                query.stop();
                try {
                    recorder.finished.get(60, TimeUnit.SECONDS);
                    ran++;
                } catch (java.util.concurrent.ExecutionException e) {
                    failed++;
                    check(statement, recorder.failed.getNow(null), problems);
                }
            }
        }
        System.out.printf("%d mutated statements through the console in %.1f s: %d ran, %d refused in words%n",
                mutants.size(), (System.nanoTime() - t0) / 1e9, ran, failed);
        assertThat(problems).as("refusals without words").isEmpty();
        Await.until("no job left behind", Duration.ofSeconds(60), () -> jobManager.jobs().stream()
                .filter(JobSummary::isRunning).filter(j -> !before.contains(j.id())).map(JobSummary::name).toList(),
                List::isEmpty);
    }

    private static void check(String statement, GatewayException error, List<String> problems) {
        if (error == null) {
            problems.add(statement + " → failed without an error");
            return;
        }
        // What the console shows: the message, where it is, and what to do.
        String words = error.getMessage() == null ? "" : error.describe().strip();
        if (words.length() < 8 || TRACE.matcher(words).find() || !words.matches("(?s).*[A-Za-z]{2,}\\s+[A-Za-z]{2,}\\s+[A-Za-z]{2,}.*")) {
            problems.add(statement + " → " + words);
        }
    }

    /** Statements whose mutants cannot touch what other tests share: no writes to catalog tables. */
    private static boolean harmless(String mutant) {
        String upper = mutant.toUpperCase(java.util.Locale.ROOT);
        return !upper.contains("INSERT") && !upper.contains("ALTER") && !upper.contains("DROP")
                && !(upper.contains("CREATE") && !upper.contains("TEMPORARY")) && !upper.contains("USE ")
                && !upper.contains("EXECUTE");
    }
}
