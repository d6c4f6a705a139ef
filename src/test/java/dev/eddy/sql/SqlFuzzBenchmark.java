package dev.eddy.sql;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Figures, printed, not asserted: how long the splitter, the checker and the completer take on the
 * fuzz test's mutants (the editor calls them as the user types; each should stay under 50 ms).
 * Run with {@code mvn -Pbenchmark verify -Dit.test=SqlFuzzBenchmark}.
 */
class SqlFuzzBenchmark {

    @Test
    void latencyOnMutatedStatements() {
        List<String> mutants = SqlFuzzTest.mutants(new Random(20261129L));
        SqlCompleter completer = new SqlCompleter();
        SessionObjects session = new SessionObjects("default_catalog", "default_database",
                Map.of("default_catalog", List.of("default_database")), List.of(), List.of());
        ExternalObjects external = new ExternalObjects(List.of(), List.of(), List.of(), List.of());
        // Warm the JIT and Flink's parser as a running Eddy would have.
        for (String m : mutants) {
            SyntaxChecker.check(m);
            completer.complete(m, m.length(), true, session, external);
        }
        long[] split = new long[mutants.size()];
        long[] check = new long[mutants.size()];
        long[] complete = new long[mutants.size() * SqlFuzzTest.CURSORS_PER_MUTANT];
        int c = 0;
        for (int i = 0; i < mutants.size(); i++) {
            String m = mutants.get(i);
            long t = System.nanoTime();
            StatementSplitter.split(m);
            split[i] = System.nanoTime() - t;
            t = System.nanoTime();
            SyntaxChecker.check(m);
            check[i] = System.nanoTime() - t;
            for (int cursor : SqlFuzzTest.cursors(m)) {
                t = System.nanoTime();
                completer.complete(m, cursor, true, session, external);
                complete[c++] = System.nanoTime() - t;
            }
        }
        print("split", split);
        print("check", check);
        print("complete", Arrays.copyOf(complete, c));
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        System.out.printf(Locale.ROOT, "%-8s %,7d calls: median %.2f ms, p99 %.2f ms, slowest three %.2f, %.2f, %.2f ms%n",
                what, n, sorted[n / 2] / 1e6, sorted[(int) (n * 0.99)] / 1e6, sorted[n - 1] / 1e6,
                sorted[Math.max(0, n - 2)] / 1e6, sorted[Math.max(0, n - 3)] / 1e6);
    }
}
