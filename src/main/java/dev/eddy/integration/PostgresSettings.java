package dev.eddy.integration;

import java.util.List;

/** The settings and secrets of a PostgreSQL integration, by name. */
public final class PostgresSettings {
    public static final String HOST = "host";
    public static final String PORT = "port";
    public static final String DATABASE = "database";
    public static final String SSL_MODE = "sslmode";
    public static final String READ_USER = Credentials.READ_USER;
    public static final String WRITE_USER = Credentials.WRITE_USER;
    public static final String READ_PASSWORD = Credentials.READ_PASSWORD;
    public static final String WRITE_PASSWORD = Credentials.WRITE_PASSWORD;
    public static final List<String> SSL_MODES = List.of("disable", "prefer", "require", "verify-ca", "verify-full");

    private PostgresSettings() {}

    /** The JDBC URL of the integration's database, without credentials. */
    /** host:port, for a quick look at whether the server can be reached at all. */
    static String address(Integration i) {
        return i.setting(HOST) + ":" + i.setting(PORT);
    }

    public static String jdbcUrl(Integration i) {
        return "jdbc:postgresql://" + i.setting(HOST) + ":" + i.setting(PORT) + "/" + i.setting(DATABASE);
    }
}
