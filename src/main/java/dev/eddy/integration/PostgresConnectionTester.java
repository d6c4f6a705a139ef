package dev.eddy.integration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** "Test connection" for PostgreSQL: each credential within 5 s, failures told by their SQL state. */
final class PostgresConnectionTester {
    /** Tables and views of the user schemas, and how many of them the credential may read and write. */
    private static final String PRIVILEGES = """
            SELECT count(*),
                   count(*) FILTER (WHERE has_table_privilege(c.oid, 'SELECT')),
                   count(*) FILTER (WHERE c.relkind IN ('r', 'p') AND has_table_privilege(c.oid, 'INSERT'))
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'""";

    private PostgresConnectionTester() {}

    /** The quick look's finding, naming the service: "Cannot reach PostgreSQL: nothing listens at …". */
    static String unreachable(String why) {
        return "Cannot reach PostgreSQL: " + why;
    }

    static ConnectionCheck test(Integration integration, Map<String, String> secrets) {
        long t0 = System.nanoTime();
        java.util.Optional<String> unreachable = Reachability.unreachable(PostgresSettings.address(integration));
        if (unreachable.isPresent()) {
            return new ConnectionCheck(false, unreachable(unreachable.get()), List.of("connection: " + unreachable.get()),
                    java.time.Duration.ofNanos(System.nanoTime() - t0));
        }
        List<String> details = new ArrayList<>();
        String failure = null;
        String success = null;
        List<String[]> credentials = new ArrayList<>();
        credentials.add(new String[] {"read-only credential", integration.setting(PostgresSettings.READ_USER),
            secrets.getOrDefault(PostgresSettings.READ_PASSWORD, "")});
        if (!integration.setting(PostgresSettings.WRITE_USER).isBlank()) {
            credentials.add(new String[] {"read-write credential", integration.setting(PostgresSettings.WRITE_USER),
                secrets.getOrDefault(PostgresSettings.WRITE_PASSWORD, "")});
        }
        for (String[] c : credentials) {
            boolean writer = c[0].startsWith("read-write");
            String line;
            boolean ok;
            try (Connection connection = DriverManager.getConnection(PostgresSettings.jdbcUrl(integration),
                    properties(integration, c[1], c[2]));
                 Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery(PRIVILEGES)) {
                rs.next();
                long tables = rs.getLong(1);
                long readable = rs.getLong(2);
                long writable = rs.getLong(3);
                line = "connected as " + c[1] + ", " + readable + " of " + tables + (tables == 1 ? " table" : " tables")
                        + " readable" + (writer ? ", " + writable + " writable" : "");
                // A sink fails only after its retries, minutes into a job: say it now.
                ok = !writer || writable > 0 || tables == 0;
                if (!ok) {
                    line = "connected as " + c[1] + ", but it may not write to any of the " + tables + " tables: grant "
                            + "it INSERT, UPDATE and DELETE, or give another user as the read-write credential";
                }
                if (ok && checksNoPassword(integration, c[1])) {
                    // A server that trusts this host lets any password in: a wrong one would look right.
                    line += " — but the server did not check the password (its pg_hba.conf trusts this host), so "
                            + "it was not tested; it will be wherever the server asks for one";
                }
            } catch (SQLException e) {
                ok = false;
                line = explain(integration, c[1], e);
            }
            details.add(c[0] + " (" + c[1] + "): " + line);
            if (ok) {
                success = success == null ? line : success;
            } else {
                failure = failure == null ? line : failure;
            }
        }
        String summary = failure != null ? KafkaConnectionTester.capitalize(failure)
                : "Connected to " + integration.address() + ": " + success;
        return new ConnectionCheck(failure == null, summary, details, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** Whether the server lets the user in with a password that cannot be right. */
    private static boolean checksNoPassword(Integration integration, String user) {
        String wrong = "not-the-password-" + java.util.UUID.randomUUID();
        try (Connection ignored = DriverManager.getConnection(PostgresSettings.jdbcUrl(integration),
                properties(integration, user, wrong))) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    static Properties properties(Integration i, String user, String password) {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password == null ? "" : password);
        p.setProperty("connectTimeout", "5");
        p.setProperty("loginTimeout", "5");
        p.setProperty("socketTimeout", "10");
        String ssl = i.setting(PostgresSettings.SSL_MODE);
        p.setProperty("sslmode", ssl.isBlank() ? "prefer" : ssl);
        p.setProperty("ApplicationName", "Eddy");
        return p;
    }

    private static String explain(Integration i, String user, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (state) {
            case "28P01", "28000" -> "PostgreSQL refused the user name or password of " + user;
            case "3D000" -> "database " + i.setting(PostgresSettings.DATABASE) + " does not exist on "
                    + i.setting(PostgresSettings.HOST) + ":" + i.setting(PostgresSettings.PORT);
            case "08001", "08004", "08006" -> "cannot reach PostgreSQL at " + i.setting(PostgresSettings.HOST) + ":"
                    + i.setting(PostgresSettings.PORT) + " (" + e.getMessage() + ")";
            case "42501" -> "connected as " + user + ", but not allowed to read the catalog (" + e.getMessage() + ")";
            default -> "PostgreSQL said: " + e.getMessage();
        };
    }
}
