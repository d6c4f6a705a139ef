package dev.eddy.integration;

/** The services Eddy integrates with. */
public enum IntegrationKind {
    KAFKA("Kafka"), POSTGRES("PostgreSQL");

    private final String label;

    IntegrationKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
