package dev.eddy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SinkTopicsTest {

    @Test
    void insertTargetsAreReadWithFlinksParser() {
        assertThat(SyntaxChecker.insertTargets("INSERT INTO sink SELECT * FROM orders")).containsExactly(List.of("sink"));
        assertThat(SyntaxChecker.insertTargets("INSERT INTO `eddy`.`default_database`.`t` VALUES (1)"))
                .containsExactly(List.of("eddy", "default_database", "t"));
        assertThat(SyntaxChecker.insertTargets("EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; "
                + "INSERT INTO b SELECT 2; END")).containsExactly(List.of("a"), List.of("b"));
        assertThat(SyntaxChecker.insertTargets("SELECT * FROM orders")).isEmpty();
        assertThat(SyntaxChecker.insertTargets("INSERT INTO")).isEmpty();
    }

    @Test
    void optionsAreReadFromShowCreateTable() {
        String ddl = """
                CREATE TEMPORARY TABLE `eddy`.`default_database`.`sink` (
                  `id` BIGINT
                ) COMMENT 'it''s = ''x'''
                WITH (
                  'connector' = 'kafka',
                  'properties.bootstrap.servers' = 'localhost:9092',
                  'topic' = 'it''s'
                )
                """;
        assertThat(SinkTopics.options(ddl)).containsEntry("connector", "kafka").containsEntry("topic", "it's")
                .containsEntry("properties.bootstrap.servers", "localhost:9092").hasSize(3);
    }
}
