package dev.eddy.integration;

/** The services Eddy integrates with. */
public enum IntegrationKind {
    KAFKA("Kafka"), POSTGRES("PostgreSQL"), OPENSEARCH("OpenSearch");

    private final String label;

    IntegrationKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** "a Kafka", "an OpenSearch": the label as a sentence needs it. */
    public String withArticle() {
        return ("AEIOU".indexOf(label.charAt(0)) >= 0 ? "an " : "a ") + label;
    }

    /** The kind a spec file names in lower case (kafka, postgres, opensearch); null for another word. */
    public static IntegrationKind ofSpecName(String name) {
        for (IntegrationKind k : values()) {
            if (k.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return k;
            }
        }
        return null;
    }
}
