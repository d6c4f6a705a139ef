package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void secretOptionValuesAreHiddenAndEverythingElseKept() {
        assertThat(Redaction.sql("CREATE TABLE t (id INT) WITH ('connector' = 'jdbc', 'username' = 'bob', "
                + "'password' = 'it''s secret', 'table-name' = 't')"))
                .isEqualTo("CREATE TABLE t (id INT) WITH ('connector' = 'jdbc', 'username' = 'bob', "
                        + "'password' = '***', 'table-name' = 't')");
        assertThat(Redaction.sql("SET 'properties.sasl.jaas.config'='org.apache... password=\"x\";'"))
                .isEqualTo("SET 'properties.sasl.jaas.config'='***'");
        assertThat(Redaction.sql("WITH ('value.avro-confluent.basic-auth.user-info' = 'u:p', 'key.format' = 'raw')"))
                .isEqualTo("WITH ('value.avro-confluent.basic-auth.user-info' = '***', 'key.format' = 'raw')");
        assertThat(Redaction.sql("SELECT 'password' FROM t")).isEqualTo("SELECT 'password' FROM t");
        assertThat(Redaction.sql(null)).isNull();
    }
}
