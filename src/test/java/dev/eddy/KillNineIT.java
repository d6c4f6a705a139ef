package dev.eddy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.support.Await;
import dev.eddy.support.PackagedEddy;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged Eddy killed with -9 at random moments while a script creates tables, deploys,
 * stops, restarts and edits jobs through the REST API: after each restart every acknowledged change
 * is there, the store is consistent, every job that should run runs, and none runs twice. Rounds:
 * {@code -Deddy.kill9.rounds} (1 in {@code mvn verify}; {@code scripts/soak-kill9} runs 20).
 */
class KillNineIT {
    private static final int ROUNDS = Integer.getInteger("eddy.kill9.rounds", 1);
    private final PackagedEddy eddy = new PackagedEddy(Path.of("target/it-kill9/" + UUID.randomUUID()),
            "--eddy.embedded.kafka.sample-orders-per-second=5");

    /** What the script was told succeeded: these must survive any kill. */
    private final List<String> tables = new ArrayList<>();
    private final Map<Long, Integer> versions = new TreeMap<>();
    private final Map<Long, Boolean> wanted = new TreeMap<>();
    /** The one change under way when the kill came: it may or may not have happened. */
    private volatile Runnable unacknowledged;
    private volatile String scriptEnd = "";
    private volatile int refusals;

    KillNineIT() {}

    @Test
    void killedAtRandomMomentsEddyKeepsEveryAcknowledgedChangeAndRunsEachWantedJobExactlyOnce() throws Exception {
        Random random = new Random(9);
        for (int round = 1; round <= ROUNDS + 1; round++) {
            eddy.start();
            if (round > 1) {
                check(eddy.log(), round);
            }
            if (round == ROUNDS + 1) {
                assertThat(eddy.stop()).as("a last, gentle stop").isTrue();
                break;
            }
            Thread script = new Thread(() -> work(random), "kill9-script");
            script.setDaemon(true);
            script.start();
            Thread.sleep(5_000 + random.nextInt(10_000));
            eddy.kill();
            script.join(30_000);
            System.out.printf("Killed -9 in round %d: %d tables, %d jobs acknowledged, %d refusals; the script stopped on %s%n",
                    round, tables.size(), versions.size(), refusals, scriptEnd.length() > 300 ? scriptEnd.substring(0, 300) : scriptEnd);
        }
    }

    /** Changes until the process dies under it; each success is recorded as acknowledged. */
    private void work(Random random) {
        try {
            while (true) {
                int n = tables.size() + 1;
                // At most three jobs want to run: the cluster has four task slots.
                int choice = tables.size() < 2 ? 0 : random.nextInt(5);
                if (choice == 1 && wanted.values().stream().filter(w -> w).count() >= 3) {
                    choice = 2;
                }
                try {
                    switch (choice) {
                        case 0 -> createTable("k9_sink_" + n);
                        case 1 -> deploy("k9 job " + versions.size(), tables.get(random.nextInt(tables.size())));
                        case 2 -> pick(random, true).ifPresent(this::stop);
                        case 3 -> pick(random, false).ifPresent(this::restart);
                        default -> pick(random, null).ifPresent(id -> edit(id, random.nextInt(100)));
                    }
                } catch (PackagedEddy.Refused refused) {
                    // Refused in words (a job still starting cannot be stopped with a savepoint yet): not a change.
                    refusals++;
                    Thread.sleep(500);
                }
            }
        } catch (IOException | java.io.UncheckedIOException killed) {
            // The kill came: the change under way is unacknowledged.
            scriptEnd = killed.toString();
        } catch (RuntimeException unexpected) {
            scriptEnd = unexpected.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private java.util.Optional<Long> pick(Random random, Boolean running) {
        List<Long> ids = versions.keySet().stream().filter(id -> running == null || wanted.get(id) == running).toList();
        return ids.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(ids.get(random.nextInt(ids.size())));
    }

    private void createTable(String name) throws IOException, InterruptedException {
        unacknowledged = () -> { };
        JsonNode started = eddy.send("POST", "/api/v1/statements", Map.of("statement", "CREATE TABLE " + name
                + " (order_id BIGINT) WITH ('connector' = 'blackhole')"), 201);
        long id = started.path("id").asLong();
        String state = started.path("state").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ("RUNNING".equals(state) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            state = eddy.send("GET", "/api/v1/statements/" + id, null, 200).path("state").asText();
        }
        if (!"FINISHED".equals(state)) {
            throw new PackagedEddy.Refused("CREATE TABLE ended " + state);
        }
        tables.add(name);
    }

    private void uncertain(Runnable effect) {
        unacknowledged = effect;
    }

    private void deploy(String name, String table) {
        uncertain(() -> { });
        try {
            JsonNode job = eddy.send("POST", "/api/v1/jobs", Map.of("name", name, "statement", "INSERT INTO " + table
                    + " SELECT order_id FROM orders", "settings", Map.of("execution.checkpointing.interval", "2 s")), 201, 200);
            versions.put(job.path("id").asLong(), 1);
            wanted.put(job.path("id").asLong(), true);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void stop(long id) {
        uncertain(() -> wanted.put(id, false));
        post(id, "/stop");
        wanted.put(id, false);
    }

    private void restart(long id) {
        uncertain(() -> wanted.put(id, true));
        post(id, "/restart");
        wanted.put(id, true);
    }

    private void edit(long id, int threshold) {
        uncertain(() -> versions.merge(id, 1, Integer::sum));
        try {
            eddy.send("PUT", "/api/v1/jobs/" + id, Map.of("description", "edited by the kill -9 script", "statement", "INSERT INTO " + tableOf(id)
                    + " SELECT order_id FROM orders WHERE order_id > " + threshold), 200);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        versions.merge(id, 1, Integer::sum);
    }

    private String tableOf(long id) throws IOException, InterruptedException {
        String statement = eddy.send("GET", "/api/v1/jobs/" + id + "/versions", null, 200).get(0).path("statement").asText();
        return statement.split("\\s+")[2];
    }

    private void post(long id, String action) {
        try {
            eddy.send("POST", "/api/v1/jobs/" + id + action, null, 200);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** After a restart: every acknowledged change is there, the store adds up, wanted jobs run once each. */
    private void check(Path log, int round) throws Exception {
        for (String table : tables) {
            assertThat(eddy.status("/api/v1/tables/" + table)).as("acknowledged table %s after start %d", table, round)
                    .isEqualTo(200);
        }
        JsonNode jobs = eddy.send("GET", "/api/v1/jobs?limit=500", null, 200);
        Map<Long, JsonNode> byId = new TreeMap<>();
        (jobs.has("items") ? jobs.path("items") : jobs).forEach(j -> byId.put(j.path("id").asLong(), j));
        for (Map.Entry<Long, Integer> job : versions.entrySet()) {
            JsonNode seen = byId.get(job.getKey());
            assertThat(seen).as("acknowledged job %d after start %d", job.getKey(), round).isNotNull();
            assertThat(seen.path("version").asInt()).as("versions of job %d", job.getKey())
                    .isBetween(job.getValue(), job.getValue() + 1);
            boolean wants = "RUNNING".equals(seen.path("desiredState").asText());
            if (wants != wanted.get(job.getKey())) {
                // Only the change the kill cut short may differ, and only to what it asked for.
                Runnable maybe = unacknowledged;
                maybe.run();
                assertThat(wants).as("desired state of job %d", job.getKey()).isEqualTo(wanted.get(job.getKey()));
            }
        }
        // Jobs a kill caught mid-deploy (unacknowledged, yet in the store) are adopted as they are.
        byId.forEach((id, job) -> {
            versions.putIfAbsent(id, job.path("version").asInt());
            wanted.putIfAbsent(id, "RUNNING".equals(job.path("desiredState").asText()));
        });
        long wantedCount = wanted.values().stream().filter(w -> w).count();
        Await.until("each wanted job running on Flink after start " + round + " (log: " + log + ")",
                Duration.ofSeconds(150), () -> PackagedEddy.call(this::runningByName), running -> running.values().stream()
                        .filter(n -> n == 1).count() >= wantedCount);
        Map<String, Long> running = runningByName();
        assertThat(running.values()).as("no job runs twice after start %d", round).allMatch(n -> n == 1);
        for (Map.Entry<Long, Boolean> job : wanted.entrySet()) {
            String name = byId.get(job.getKey()).path("name").asText();
            assertThat(running.containsKey(name)).as("job '%s' runs iff it should", name).isEqualTo(job.getValue());
        }
        storeAddsUp(round);
        System.out.printf("After start %d: %d tables, %d jobs (%d running), store consistent%n", round, tables.size(),
                versions.size(), wantedCount);
    }

    private Map<String, Long> runningByName() throws IOException, InterruptedException {
        Map<String, Long> running = new TreeMap<>();
        eddy.send("GET", "/api/v1/cluster/jobs?limit=500", null, 200).path("items").forEach(j -> {
            if ("RUNNING".equals(j.path("state").asText()) && j.path("name").asText().startsWith("k9 job")) {
                running.merge(j.path("name").asText(), 1L, Long::sum);
            }
        });
        return running;
    }

    private void storeAddsUp(int round) throws Exception {
        try (Connection c = eddy.store(); Statement s = c.createStatement()) {
            assertThat(names(s, "SELECT name FROM job j WHERE (SELECT count(*) FROM job_version v WHERE v.job = j.id) <> j.version"))
                    .as("jobs whose versions have a gap, after start %d", round).isEmpty();
            assertThat(names(s, "SELECT name FROM job WHERE running_version > version"))
                    .as("jobs running a version they do not have").isEmpty();
            assertThat(names(s, "SELECT name FROM job j WHERE flink_job_id IS NOT NULL AND NOT EXISTS "
                    + "(SELECT 1 FROM job_run r WHERE r.flink_job_id = j.flink_job_id)")).as("jobs without their run").isEmpty();
            assertThat(names(s, "SELECT j.name FROM job_run r JOIN job j ON j.id = r.job WHERE r.ended_at IS NULL "
                    + "AND r.flink_job_id <> COALESCE(j.flink_job_id, '') GROUP BY j.name"))
                    .as("runs left open beside the job's current one").isEmpty();
        }
    }

    private static List<String> names(Statement s, String sql) throws Exception {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
