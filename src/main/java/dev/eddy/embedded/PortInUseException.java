package dev.eddy.embedded;

/** A port an embedded piece needs is taken; the message names the port and the setting to change. */
public class PortInUseException extends RuntimeException {
    private final int port;
    private final String setting;

    public PortInUseException(String piece, int port, String setting) {
        super("Port " + port + " (" + piece + ") is already in use. Stop what uses it, or set "
                + setting + " (environment variable " + toEnvironmentVariable(setting)
                + ") to a free port, or to 0 to pick one.");
        this.port = port;
        this.setting = setting;
    }

    public int port() {
        return port;
    }

    public String setting() {
        return setting;
    }

    static String toEnvironmentVariable(String setting) {
        return setting.toUpperCase().replace('.', '_').replace("-", "");
    }
}
