package dev.eddy.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.sql.TableReferences;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KafkaPositionsTest {

    @Test
    void theHintNamesEveryPartitionAndItsNextOffset() {
        assertThat(KafkaPositions.hint(new TreeMap<>(Map.of(0, 42L, 1, 7L)))).isEqualTo(
                "/*+ OPTIONS('scan.startup.mode'='specific-offsets', "
                        + "'scan.startup.specific-offsets'='partition:0,offset:42;partition:1,offset:7') */");
    }

    @Test
    void tablesReadAreFoundWhereTheyAreWrittenAndTheSinkIsNot() {
        String sql = "INSERT INTO sink\nSELECT a.id FROM `events` AS a JOIN db.other o ON a.id = o.id\n"
                + "WHERE a.id IN (SELECT id FROM allowed /*+ OPTIONS('x'='y') */)";
        List<TableReferences.TableReference> refs = TableReferences.in(sql);
        assertThat(refs).extracting(TableReferences.TableReference::table).containsExactly("events", "other", "allowed");
        assertThat(sql.substring(0, refs.get(0).end())).endsWith("`events`");
        assertThat(sql.substring(0, refs.get(1).end())).endsWith("db.other");
        assertThat(refs.get(2).hinted()).isTrue();
        assertThat(refs.get(0).hinted()).isFalse();
    }

    @Test
    void statementSetsAndUnionsAreWalked() {
        String sql = "EXECUTE STATEMENT SET BEGIN\nINSERT INTO s1 SELECT * FROM t1;\n"
                + "INSERT INTO s2 SELECT x FROM t2 UNION ALL SELECT x FROM t3;\nEND";
        assertThat(TableReferences.in(sql)).extracting(TableReferences.TableReference::table)
                .containsExactly("t1", "t2", "t3");
    }
}
