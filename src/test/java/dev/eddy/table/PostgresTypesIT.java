package dev.eddy.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.config.Endpoints;
import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.GatewaySession;
import dev.eddy.gateway.GatewaySessions;
import dev.eddy.gateway.ResultRow;
import dev.eddy.integration.IntegrationService;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.table.TableDraft.Connector;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The wizard's proposals for every PostgreSQL column type, read through Flink's JDBC connector
 * from a real PostgreSQL: what it proposes reads back, what it leaves out really cannot be read.
 */
@EddyIntegrationTest
class PostgresTypesIT {
    /** Column, PostgreSQL type, a value: the readable ones. */
    private static final String[][] READABLE = {
        {"c_smallint", "smallint", "7"},
        {"c_int", "integer", "42"},
        {"c_bigint", "bigint", "9000000000"},
        {"c_real", "real", "1.5"},
        {"c_double", "double precision", "2.25"},
        {"c_numeric", "numeric(10,2)", "12.34"},
        {"c_numeric_free", "numeric", "3.14159"},
        {"c_bool", "boolean", "true"},
        {"c_date", "date", "'2026-11-29'"},
        {"c_time", "time", "'12:34:56'"},
        {"c_timetz", "time with time zone", "'12:34:56+00'"},
        {"c_ts", "timestamp", "'2026-11-29 12:34:56.123456'"},
        {"c_ts3", "timestamp(3)", "'2026-11-29 12:34:56.123'"},
        {"c_tstz", "timestamp with time zone", "'2026-11-29 12:34:56.5+00'"},
        {"c_varchar", "varchar(20)", "'hello'"},
        {"c_text", "text", "'world'"},
        {"c_char", "char(3)", "'abc'"},
        {"c_name", "name", "'nm'"},
        {"c_bytea", "bytea", "'\\xdeadbeef'"},
        {"c_int_arr", "integer[]", "'{1,2,3}'"},
        {"c_text_arr", "text[]", "'{a,b}'"},
        {"c_money", "money", "12.5"},
        {"c_bit", "bit(1)", "B'1'"},
        {"c_oid", "oid", "123"},
        {"c_mood", "probe_mood", "'happy'"},
    };
    /** The types Flink's JDBC connector cannot read, even as STRING. */
    private static final String[][] UNREADABLE = {
        {"c_uuid", "uuid", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'"},
        {"c_json", "json", "'{\"a\":1}'"},
        {"c_jsonb", "jsonb", "'{\"b\":2}'"},
        {"c_inet", "inet", "'10.0.0.1'"},
        {"c_cidr", "cidr", "'10.0.0.0/8'"},
        {"c_macaddr", "macaddr", "'08:00:2b:01:02:03'"},
        {"c_interval", "interval", "'1 day 2 hours'"},
        {"c_xml", "xml", "'<a>1</a>'"},
        {"c_varbit", "bit varying(8)", "B'101'"},
        {"c_point", "point", "'(1,2)'"},
        {"c_tsvector", "tsvector", "'a fat cat'"},
        {"c_range", "int4range", "'[1,5)'"},
        {"c_uuid_arr", "uuid[]", "'{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'"},
    };

    @Autowired
    TableService tables;
    @Autowired
    IntegrationService integrations;
    @Autowired
    QueryService queries;
    @Autowired
    GatewaySessions sessions;
    @Autowired
    Endpoints endpoints;
    /** The embedded PostgreSQL's superuser: the test makes roles and tables as an operator would. */
    @Autowired
    dev.eddy.embedded.EmbeddedStack stack;

    @Test
    void everyProposedTypeReadsBackAndTheLeftOutOnesCannotBeRead() throws Exception {
        String sampleUrl = endpoints.storeUrl().replaceAll("/[^/?]+(\\?.*)?$", "/sample");
        try (Connection c = DriverManager.getConnection(sampleUrl, stack.postgresUser(), stack.postgresPassword());
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS types_probe");
            s.execute("DROP TYPE IF EXISTS probe_mood");
            s.execute("CREATE TYPE probe_mood AS ENUM ('sad', 'happy')");
            StringBuilder create = new StringBuilder("CREATE TABLE types_probe (id integer PRIMARY KEY");
            StringBuilder names = new StringBuilder("id");
            StringBuilder values = new StringBuilder("1");
            for (String[][] group : List.of(READABLE, UNREADABLE)) {
                for (String[] col : group) {
                    create.append(", ").append(col[0]).append(' ').append(col[1]);
                    names.append(", ").append(col[0]);
                    values.append(", ").append(col[2]);
                }
            }
            s.execute(create.append(")").toString());
            s.execute("INSERT INTO types_probe (" + names + ") VALUES (" + values + ")");
        }
        integrations.refresh("sample-postgres");

        TableService.TableShape shape = tables.fromPostgres("sample-postgres", "public.types_probe");
        Map<String, String> proposed = new HashMap<>();
        shape.columns().forEach(col -> proposed.put(col.name(), col.type()));
        assertThat(proposed.keySet()).as("every readable column is proposed, no other")
                .containsExactlyInAnyOrder(names(READABLE, "id"));
        assertThat(shape.notes().get(0)).startsWith("Left out: c_uuid (uuid), c_json (json)")
                .contains("cannot read these types").contains("view");
        assertThat(shape.notes()).anySatisfy(n -> assertThat(n).startsWith("c_tstz (timestamp with time zone) is read as TIMESTAMP"));
        assertThat(proposed).containsEntry("c_tstz", "TIMESTAMP(6)").containsEntry("c_numeric", "DECIMAL(10, 2)")
                .containsEntry("c_int_arr", "ARRAY<INT>").containsEntry("c_bit", "BOOLEAN").containsEntry("id", "INT");

        tables.create(new TableDraft("types_probe", "sample-postgres", Connector.JDBC, "public.types_probe", null, null,
                null, shape.columns(), null, 0, shape.primaryKey(), Map.of(), null));
        try (SqlConsole console = queries.openConsole("types-probe")) {
            ResultRow row = console.collect("SELECT * FROM types_probe", 2).rows().get(0);
            List<String> columns = shape.columns().stream().map(ColumnSpec::name).toList();
            Map<String, String> read = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                read.put(columns.get(i), String.valueOf(row.fields().get(i)));
            }
            System.out.println("Read back through the wizard's table: " + read);
            assertThat(read).containsEntry("c_smallint", "7").containsEntry("c_bigint", "9000000000")
                    .containsEntry("c_text", "world").containsEntry("c_char", "abc").containsEntry("c_mood", "happy")
                    .containsEntry("c_bool", "true").containsEntry("c_bit", "true").containsEntry("c_name", "nm")
                    .containsEntry("c_int_arr", "[1,2,3]").containsEntry("c_text_arr", "[\"a\",\"b\"]")
                    .containsEntry("c_date", "2026-11-29").containsEntry("c_ts", "2026-11-29T12:34:56.123456")
                    .containsEntry("c_numeric", "12.34").containsEntry("c_money", "12.5").containsEntry("c_oid", "123")
                    .containsEntry("c_time", "12:34:56").containsEntry("c_bytea", "3q2+7w==");
            assertThat(read.get("c_tstz")).startsWith("2026-11-29T");
            assertThat(read.values()).as("every proposed column holds its value").doesNotContain("null");
        } finally {
            tables.drop("types_probe");
        }

        // What the wizard leaves out fails at run time even as STRING, one type after the other.
        try (GatewaySession session = sessions.open("types-probe-unreadable")) {
            for (String[] col : UNREADABLE) {
                session.run("CREATE TEMPORARY TABLE probe_" + col[0] + " (" + col[0] + " STRING) WITH ("
                        + "'connector' = 'jdbc', 'url' = '" + sampleUrl + "', 'username' = 'postgres', "
                        + "'password' = 'trusted', 'table-name' = 'types_probe')", 1);
                assertThatThrownBy(() -> session.run("SELECT " + col[0] + " FROM probe_" + col[0], 2,
                        Map.of("restart-strategy.type", "none")))
                        .as(col[1] + " cannot be read").isInstanceOf(GatewayException.class);
            }
        }
    }

    private static String[] names(String[][] columns, String first) {
        String[] names = new String[columns.length + 1];
        names[0] = first;
        for (int i = 0; i < columns.length; i++) {
            names[i + 1] = columns[i][0];
        }
        return names;
    }
}
