package dev.eddy.job;

import dev.eddy.integration.TopicPlace;
import dev.eddy.integration.TopicService;
import dev.eddy.table.CatalogRepository;
import dev.eddy.table.EddyCatalog;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * How far behind its Kafka sources a stopped job has fallen: what was written to its topics since
 * the positions in the state it will restart from (its newest savepoint or checkpoint). Flink
 * reports lag only while a job runs; a job stopped for maintenance falls behind all the same.
 */
@Component
class StoppedJobLag {
    private static final Logger log = LoggerFactory.getLogger(StoppedJobLag.class);
    private static final int KEPT_POSITIONS = 64;
    private final JobRepository store;
    private final RestorePoints points;
    private final KafkaPositions positions;
    private final CatalogRepository catalog;
    private final TopicService topics;
    /** A savepoint's positions never change: read once per path (its metadata may be in object storage). */
    private final Map<String, Map<String, Map<Integer, Long>>> read = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Map<String, Map<Integer, Long>>> eldest) {
                    return size() > KEPT_POSITIONS;
                }
            });

    private record Chosen(String signature, Optional<RestorePoint> point) {}

    private final Map<Long, Chosen> chosen = new java.util.concurrent.ConcurrentHashMap<>();

    StoppedJobLag(JobRepository store, RestorePoints points, KafkaPositions positions, CatalogRepository catalog,
            TopicService topics) {
        this.store = store;
        this.points = points;
        this.positions = positions;
        this.catalog = catalog;
        this.topics = topics;
    }

    /**
     * Records written to the stopped job's Kafka topics since its restore point, summed over the
     * partitions it had read; empty when it has no such point, reads no Kafka table of Eddy's
     * catalog, or Kafka or the state cannot be read now.
     */
    Optional<Long> of(Job job) {
        List<Savepoint> kept = store.savepoints(job.id());
        List<JobRun> runs = store.runs(job.id());
        // Which point is newest changes only with the job's savepoints and runs: looked for (on the file
        // system or object storage, for every point) once per change, not at every reading.
        String signature = kept.stream().map(Savepoint::path).collect(Collectors.joining(",")) + "|"
                + runs.stream().map(r -> String.valueOf(r.lastCheckpoint())).collect(Collectors.joining(","));
        Chosen was = chosen.get(job.id());
        Optional<RestorePoint> newest;
        if (was != null && was.signature().equals(signature)) {
            newest = was.point();
        } else {
            newest = points.of(kept, runs).stream().findFirst();
            chosen.put(job.id(), new Chosen(signature, newest));
        }
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Map<Integer, Long>> at;
        try {
            at = read.computeIfAbsent(newest.get().path(), positions::read);
        } catch (RuntimeException e) {
            log.debug("No lag for stopped job '{}': {}", job.name(), e.getMessage());
            return Optional.empty();
        }
        JobVersion version = store.version(job.id(), newest.get().version()).orElse(null);
        if (version == null || at.isEmpty()) {
            return Optional.empty();
        }
        long behind = 0;
        boolean known = false;
        java.util.Set<String> counted = new java.util.HashSet<>();
        for (String table : version.reads()) {
            String[] names = table.split("\\.");
            var stored = catalog.table(EddyCatalog.DEFAULT_DATABASE, names[names.length - 1])
                    .filter(t -> "kafka".equals(t.properties().get("connector")));
            if (stored.isEmpty()) {
                continue;
            }
            String topic = stored.get().properties().get("topic");
            TopicPlace place = TopicPlace.ofTable(stored.get().properties());
            Map<Integer, Long> from = topic == null ? null : at.get(topic);
            if (from == null || place == null || !counted.add(topic)) {
                continue;
            }
            Optional<Map<Integer, Long>> ends = topics.endOffsets(place, topic);
            if (ends.isEmpty()) {
                return Optional.empty();
            }
            for (var p : from.entrySet()) {
                behind += Math.max(0, ends.get().getOrDefault(p.getKey(), p.getValue()) - p.getValue());
            }
            known = true;
        }
        return known ? Optional.of(behind) : Optional.empty();
    }
}
