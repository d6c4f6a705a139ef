package dev.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.security.ApiTokenService;
import dev.eddy.security.Role;
import dev.eddy.security.UserService;
import dev.eddy.support.EddyIntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** The eddy command line against a running Eddy over HTTP, as a CI pipeline would call it. */
@EddyIntegrationTest
class EddyCliIT {
    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    UserService users;
    @TempDir
    Path home;

    /** What one command printed, and its exit code. */
    record Ran(int code, String out, String err) {}

    private Ran eddy(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EddyCli.run(args, env, new PrintWriter(out), new PrintWriter(err), home,
                new ByteArrayInputStream(new byte[0]));
        return new Ran(code, out.toString(), err.toString());
    }

    private Ran eddy(String... args) {
        return eddy(Map.of(), args);
    }

    private String tokenOf(String user, Role role) {
        if (role != Role.ADMIN) {
            users.add(user, user + "'s long password", role);
        }
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, "n/a", role.authority()));
        try {
            return tokens.create("cli test", role, Duration.ofDays(1)).secret();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("admin", "n/a",
                    Role.ADMIN.authority()));
        }
    }

    @Test
    void aDeveloperLogsInPlansAppliesExportsAndQueriesWithExitCodesCiCanUse() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String developer = "cli-dev-" + id;
        Ran login = eddy("login", "--url", "http://localhost:" + port, "--token", tokenOf(developer, Role.DEVELOPER));
        assertThat(login.code()).as(login.err()).isZero();
        assertThat(login.out()).contains("Logged in to http://localhost:" + port);
        assertThat(Files.getPosixFilePermissions(home.resolve(".eddy/cli.properties")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        String table = "cli_orders_" + id;
        Path spec = home.resolve("spec.yaml");
        Files.writeString(spec, """
                project: cli-%s
                tables:
                  - name: %s
                    integration: local-kafka
                    source: orders
                    format: json
                    columns:
                      - {name: order_id, type: BIGINT}
                      - {name: quantity, type: INT}
                """.formatted(id, table));
        Ran plan = eddy("plan", "-f", spec.toString(), "--detailed-exitcode");
        assertThat(plan.code()).as(plan.out() + plan.err()).isEqualTo(2);
        assertThat(plan.out()).contains("+ create table " + table).contains("1 to create");
        Ran apply = eddy("apply", "-f", spec.toString());
        assertThat(apply.code()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).contains("done    create table " + table);
        Ran again = eddy("plan", "-f", spec.toString(), "--detailed-exitcode");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("Nothing to do");

        Path exported = home.resolve("exported.yaml");
        assertThat(eddy("export", "--project", "all", "-o", exported.toString()).code()).isZero();
        assertThat(Files.readString(exported)).contains("name: " + table).contains("project: all");

        Ran csv = eddy("sql", "SELECT order_id, quantity FROM " + table, "--format", "csv", "--max-rows", "3");
        assertThat(csv.code()).as(csv.err()).isZero();
        assertThat(csv.out().lines().toList()).hasSize(4).first().isEqualTo("order_id,quantity");
        Ran json = eddy("sql", "SELECT 1 AS n, 'a,b' AS txt", "--format", "json");
        assertThat(json.out()).as(json.err()).contains("\"n\" : 1").contains("\"txt\" : \"a,b\"");
        Ran tableOut = eddy("sql", "SELECT 1 AS n");
        assertThat(tableOut.out()).as(tableOut.err()).contains("n").contains("(1 row)");
        Ran bad = eddy("sql", "SELECT 1 FROM nowhere_" + id);
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("(line 1, column 15)").contains("nowhere_" + id);

        Ran jobs = eddy("jobs");
        assertThat(jobs.code()).isZero();
        assertThat(jobs.out()).startsWith("NAME");
        Ran missing = eddy("jobs", "stop", "no such job " + id);
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("There is no job named no such job " + id);

        // Integrations are an admin's: a developer's plan says so and exits 1.
        Path withIntegration = home.resolve("integration.yaml");
        Files.writeString(withIntegration, """
                project: cli-%s
                integrations:
                  - name: cli-kafka-%s
                    kind: kafka
                    settings: {bootstrap.servers: "localhost:1"}
                """.formatted(id, id));
        Ran refused = eddy("plan", "-f", withIntegration.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out()).contains("only an admin can add, change or remove integrations");

        Path empty = home.resolve("empty.yaml");
        Files.writeString(empty, "project: cli-" + id + "\n");
        Ran teardown = eddy("apply", "-f", empty.toString());
        assertThat(teardown.out()).contains("done    delete table " + table);
    }

    @Test
    void aWrongTokenAnUnreachableEddyAndABadSpecAreToldInWordsWithExitCode1() throws Exception {
        Ran wrong = eddy(Map.of("EDDY_URL", "http://localhost:" + port, "EDDY_TOKEN", "eddy_wrong"), "jobs");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("did not accept the token").contains("eddy login");
        Ran down = eddy(Map.of("EDDY_URL", "http://127.0.0.1:1", "EDDY_TOKEN", "eddy_x"), "jobs");
        assertThat(down.code()).isEqualTo(1);
        assertThat(down.err()).contains("Cannot reach Eddy at http://127.0.0.1:1");
        Ran notLoggedIn = eddy("jobs");
        assertThat(notLoggedIn.err()).contains("Not logged in");
        Path spec = home.resolve("bad.yaml");
        Files.writeString(spec, "project: x\njobs:\n  - name: a\n    sqll: x\n");
        Ran bad = eddy(Map.of("EDDY_URL", "http://localhost:" + port, "EDDY_TOKEN", "eddy_x"), "plan", "-f",
                spec.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("Line 4: unknown key 'sqll'");
    }
}
