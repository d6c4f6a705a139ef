package dev.eddy.observe.alert;

/** How urgent a rule's firing is; said in every message and used to sort the Alerts page. */
public enum Severity {
    CRITICAL, WARNING, INFO;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
