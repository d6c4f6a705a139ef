package dev.eddy.integration;

/** The setting and secret names of an integration's two credentials, the same for every kind. */
public final class Credentials {
    public static final String READ_USER = "read.user";
    public static final String WRITE_USER = "write.user";
    public static final String READ_PASSWORD = "read.password";
    public static final String WRITE_PASSWORD = "write.password";

    private Credentials() {}
}
