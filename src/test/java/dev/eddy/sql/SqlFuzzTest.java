package dev.eddy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated real statements (cuts, duplicates, swaps, stray quotes, brackets, comments, unicode) fed
 * to the splitter, the checker and the completer at many cursor places: none of them may throw,
 * whatever a user has half typed. Seeded, so a failure names a mutant that fails again.
 */
public class SqlFuzzTest {
    public static final List<String> STATEMENTS = List.of(
            "SELECT order_id, customer_id, quantity * price AS amount, status, order_time FROM orders",
            "SELECT o.order_id, c.name FROM orders o JOIN customers c ON o.customer_id = c.id WHERE o.status = 'NEW'",
            "SELECT status, COUNT(*) AS n, SUM(price * quantity) FROM orders GROUP BY status HAVING COUNT(*) > 2",
            "SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(order_time), INTERVAL '1' MINUTE)) "
                    + "GROUP BY window_start, window_end",
            "INSERT INTO order_totals SELECT customer_id, COUNT(*), SUM(price * quantity) FROM orders GROUP BY customer_id",
            "CREATE TEMPORARY TABLE live_orders (order_id BIGINT, status STRING, ts TIMESTAMP_LTZ(3), "
                    + "WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'kafka', 'topic' = 'orders', "
                    + "'properties.bootstrap.servers' = 'localhost:19092', 'format' = 'json')",
            "CREATE TABLE pg (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'jdbc', "
                    + "'url' = 'jdbc:postgresql://localhost:15432/sample', 'table-name' = 'customers')",
            "EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT * FROM orders; INSERT INTO b SELECT * FROM orders; END",
            "SELECT UPPER(`user`), CAST(amount AS DOUBLE), JSON_VALUE(payload, '$.a.b') FROM `default_catalog`.`default_database`.`orders`",
            "SELECT * FROM orders /*+ OPTIONS('scan.startup.mode' = 'earliest-offset') */ WHERE order_id IN (1, 2, 3)",
            "SET 'table.exec.state.ttl' = '1 h'",
            "SHOW TABLES",
            "DESCRIBE orders",
            "SHOW CREATE TABLE orders",
            "USE CATALOG default_catalog",
            "ALTER TABLE orders SET ('json.ignore-parse-errors' = 'true')",
            "DROP TEMPORARY TABLE IF EXISTS live_orders",
            "SELECT CASE WHEN quantity > 3 THEN 'big' ELSE 'small' END, ROW(1, 'a'), ARRAY[1, 2], MAP['k', 1] FROM orders",
            "SELECT x.y FROM orders x -- a comment\nWHERE x.order_id > 10",
            "EXPLAIN SELECT * FROM orders");
    private static final String[] NOISE = {"'", "`", "\"", "(", ")", "[", "]", "{", "}", ".", ",", ";", "--", "/*",
            "*/", "\n", "é", "中文", "\uD83D\uDE00", "\uD83D", "\u0000", "\\", "$", " AS ", " FROM ", " WITH (", "x.",
            "''''", "/*+", "TABLE(", "*"};
    private static final SessionObjects.Table ORDERS = new SessionObjects.Table("default_catalog", "default_database",
            "orders", false, List.of(new SessionObjects.Column("order_id", "BIGINT"),
                    new SessionObjects.Column("customer_id", "INT"), new SessionObjects.Column("user", "STRING")));
    private static final SessionObjects SESSION = new SessionObjects("default_catalog", "default_database",
            Map.of("default_catalog", List.of("default_database")), List.of(ORDERS), List.of("my_udf"));
    private static final ExternalObjects EXTERNAL = new ExternalObjects(
            List.of(new ExternalObjects.Item("orders", "local-kafka", "1 partition")),
            List.of(new ExternalObjects.Item("customers", "sample-postgres", "table")),
            List.of(new ExternalObjects.Item("localhost:19092", "local-kafka", "")),
            List.of(new ExternalObjects.Item("jdbc:postgresql://localhost:15432/sample", "sample-postgres", "")));
    static final int MUTANTS_PER_STATEMENT = 56;
    static final int CURSORS_PER_MUTANT = 20;

    private final SqlCompleter completer = new SqlCompleter();

    @Test
    void mutatedStatementsNeverMakeTheSplitterCheckerOrCompleterThrow() {
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (String mutant : mutants(new Random(Long.getLong("fuzz.seed", 20261129L)))) {
            calls += exercise(mutant, failures);
        }
        assertThat(failures).as("mutants that made a tool throw").isEmpty();
        assertThat(calls).isGreaterThanOrEqualTo(STATEMENTS.size() * MUTANTS_PER_STATEMENT * CURSORS_PER_MUTANT);
    }

    @Test
    void theReportedCrashIsGone() {
        // Once an IndexOutOfBoundsException in SqlCompleter.namesNewObject.
        List<String> failures = new ArrayList<>();
        exercise("x.y)", failures);
        completer.complete("x.y)", 2, true, SESSION, EXTERNAL);
        assertThat(failures).isEmpty();
    }

    /** Every mutant of the corpus, in a fixed order for a seed. */
    public static List<String> mutants(Random random) {
        List<String> mutants = new ArrayList<>();
        for (String statement : STATEMENTS) {
            for (int i = 0; i < MUTANTS_PER_STATEMENT; i++) {
                String m = statement;
                int edits = 1 + random.nextInt(3);
                for (int e = 0; e < edits; e++) {
                    m = mutate(m, random);
                }
                mutants.add(m);
            }
        }
        return mutants;
    }

    /** Runs the three tools over a script; returns how many completion calls were made. */
    private int exercise(String script, List<String> failures) {
        try {
            StatementSplitter.split(script);
            SyntaxChecker.check(script);
            StatementSplitter.at(script, 0, script.length());
        } catch (RuntimeException | StackOverflowError e) {
            failures.add(describe(script, -1, e));
            return 0;
        }
        int calls = 0;
        for (int cursor : cursors(script)) {
            try {
                completer.complete(script, cursor, calls % 2 == 0, SESSION, EXTERNAL);
            } catch (RuntimeException | StackOverflowError e) {
                failures.add(describe(script, cursor, e));
            }
            calls++;
        }
        return calls;
    }

    /** Places worth completing at: after every dot, the ends, and spread over the text. */
    static List<Integer> cursors(String script) {
        List<Integer> at = new ArrayList<>();
        at.add(0);
        at.add(script.length());
        for (int i = 0; i < script.length() && at.size() < CURSORS_PER_MUTANT / 2; i++) {
            if (script.charAt(i) == '.' || script.charAt(i) == '\'' || script.charAt(i) == '(') {
                at.add(i + 1);
            }
        }
        for (int k = 1; at.size() < CURSORS_PER_MUTANT; k++) {
            at.add((int) ((long) script.length() * k / (CURSORS_PER_MUTANT + 1)));
        }
        return at;
    }

    private static String mutate(String s, Random random) {
        if (s.isEmpty()) {
            return NOISE[random.nextInt(NOISE.length)];
        }
        int a = random.nextInt(s.length() + 1);
        int b = Math.min(s.length(), a + random.nextInt(Math.max(1, s.length() / 4)));
        return switch (random.nextInt(6)) {
            case 0 -> s.substring(0, a) + s.substring(b); // cut
            case 1 -> s.substring(0, b) + s.substring(a, b) + s.substring(b); // duplicate
            case 2 -> { // swap two spans
                int c = random.nextInt(s.length() + 1);
                int d = Math.min(s.length(), c + random.nextInt(Math.max(1, s.length() / 4)));
                if (c < a) {
                    int t = a; a = c; c = t;
                    t = b; b = d; d = t;
                }
                yield b <= c ? s.substring(0, a) + s.substring(c, d) + s.substring(b, c) + s.substring(a, b)
                        + s.substring(d) : s.substring(0, a) + s.substring(b);
            }
            case 3 -> s.substring(0, a) + NOISE[random.nextInt(NOISE.length)] + s.substring(a); // stray token
            case 4 -> s.substring(0, a); // typed so far
            default -> s.substring(0, a) + NOISE[random.nextInt(NOISE.length)] + NOISE[random.nextInt(NOISE.length)]
                    + s.substring(b);
        };
    }

    private static String describe(String script, int cursor, Throwable e) {
        StackTraceElement at = java.util.Arrays.stream(e.getStackTrace())
                .filter(f -> f.getClassName().startsWith("dev.eddy")).findFirst().orElse(null);
        return e + " at " + at + " for script «" + script + "» cursor " + cursor;
    }
}
