package dev.eddy.ui.schema;

/** Where SQL from the schema tree goes: the SQL page opens it in a new tab, and runs it when asked. */
@FunctionalInterface
public interface SqlTarget {
    void open(String statement, boolean run);
}
