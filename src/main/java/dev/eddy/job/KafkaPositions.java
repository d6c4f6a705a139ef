package dev.eddy.job;

import dev.eddy.sql.TableReferences;
import dev.eddy.sql.TableReferences.TableReference;
import dev.eddy.table.CatalogRepository;
import dev.eddy.table.EddyCatalog;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplitSerializer;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerialization;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where a job's Kafka sources had read to, from a savepoint or checkpoint, and a statement that
 * starts its Kafka tables exactly there. Each source keeps its splits (topic, partition, next
 * offset) as operator state named {@code SourceReaderState}; Eddy reads it with Flink's own
 * metadata and split serializers, so a version that cannot take the old state still reads every
 * message once: none skipped, none twice.
 */
@Component
class KafkaPositions {
    private static final Logger log = LoggerFactory.getLogger(KafkaPositions.class);
    private static final String SOURCE_STATE = "SourceReaderState";
    private final CatalogRepository catalog;

    KafkaPositions(CatalogRepository catalog) {
        this.catalog = catalog;
    }

    /** Topic → partition → the next offset to read, for every Kafka source in the state. */
    Map<String, Map<Integer, Long>> read(String statePath) {
        Map<String, Map<Integer, Long>> positions = new TreeMap<>();
        Path metadata = new Path(statePath, "_metadata");
        try (FSDataInputStream in = metadata.getFileSystem().open(metadata)) {
            CheckpointMetadata state = Checkpoints.loadCheckpointMetadata(new DataInputStream(in),
                    getClass().getClassLoader(), statePath);
            for (OperatorState operator : state.getOperatorStates()) {
                for (OperatorSubtaskState subtask : operator.getStates()) {
                    for (OperatorStateHandle handle : subtask.getManagedOperatorState()) {
                        readSplits(handle, positions);
                    }
                }
            }
        } catch (IOException e) {
            throw new JobException("Eddy could not read where the job's Kafka sources were in " + statePath + ": "
                    + e.getMessage() + ". Pick upgrade: savepoint, or restart it from a savepoint by hand.", e);
        }
        return positions;
    }

    private static void readSplits(OperatorStateHandle handle, Map<String, Map<Integer, Long>> positions)
            throws IOException {
        OperatorStateHandle.StateMetaInfo splits = handle.getStateNameToPartitionOffsets().get(SOURCE_STATE);
        if (splits == null) {
            return;
        }
        KafkaPartitionSplitSerializer serializer = new KafkaPartitionSplitSerializer();
        try (FSDataInputStream in = handle.openInputStream()) {
            for (long offset : splits.getOffsets()) {
                in.seek(offset);
                byte[] bytes = BytePrimitiveArraySerializer.INSTANCE.deserialize(new DataInputViewStreamWrapper(in));
                try {
                    KafkaPartitionSplit split = SimpleVersionedSerialization.readVersionAndDeSerialize(serializer, bytes);
                    // A negative offset is a start position never resolved (nothing read): the table's own start applies.
                    if (split.getStartingOffset() >= 0) {
                        positions.computeIfAbsent(split.getTopic(), t -> new TreeMap<>())
                                .merge(split.getPartition(), split.getStartingOffset(), Math::max);
                    }
                } catch (IOException | RuntimeException notKafka) {
                    // Another kind of source keeps other splits: nothing of Kafka's to keep.
                }
            }
        }
    }

    /**
     * Turns a statement into one whose Kafka tables start at the positions: an OPTIONS hint after
     * each such table's name, every other character as written. Tables whose topic has no position
     * (or that carry hints already) keep their own start.
     */
    UnaryOperator<String> startingAt(Map<String, Map<Integer, Long>> positions) {
        return statement -> {
            StringBuilder out = new StringBuilder(statement);
            List<TableReference> references = TableReferences.in(statement);
            for (int i = references.size() - 1; i >= 0; i--) {
                TableReference ref = references.get(i);
                Optional<Map<Integer, Long>> at = topicOf(ref).map(positions::get);
                if (at.isEmpty()) {
                    continue;
                }
                if (ref.hinted()) {
                    log.warn("Table {} has hints of its own: it starts where they say, not where the old version was",
                            ref.table());
                    continue;
                }
                out.insert(ref.end(), " " + hint(at.get()));
            }
            return out.toString();
        };
    }

    /** The single topic of a table of Eddy's catalog read with the kafka connector. */
    private Optional<String> topicOf(TableReference ref) {
        if (ref.names().size() > 1 && !ref.names().get(ref.names().size() - 2).equals(EddyCatalog.DEFAULT_DATABASE)) {
            return Optional.empty();
        }
        return catalog.table(EddyCatalog.DEFAULT_DATABASE, ref.table())
                .filter(t -> !t.isView() && "kafka".equals(t.properties().get("connector")))
                .map(t -> t.properties().get("topic"))
                .filter(topic -> topic != null && !topic.contains(";"));
    }

    static String hint(Map<Integer, Long> partitions) {
        String offsets = partitions.entrySet().stream().map(e -> "partition:" + e.getKey() + ",offset:" + e.getValue())
                .collect(Collectors.joining(";"));
        return "/*+ OPTIONS('scan.startup.mode'='specific-offsets', 'scan.startup.specific-offsets'='" + offsets
                + "') */";
    }
}
