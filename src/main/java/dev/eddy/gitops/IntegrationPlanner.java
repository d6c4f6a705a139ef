package dev.eddy.gitops;

import dev.eddy.config.Secret;
import dev.eddy.integration.Integration;
import dev.eddy.integration.IntegrationDraft;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.IntegrationService;
import dev.eddy.security.Access;
import dev.eddy.security.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** Plans an integration of a spec against the one Eddy has: settings key by key, secrets by name only. */
@Component
class IntegrationPlanner {
    private final IntegrationService integrations;

    IntegrationPlanner(IntegrationService integrations) {
        this.integrations = integrations;
    }

    Step plan(IntegrationSpec spec, Map<String, String> values) {
        IntegrationKind kind = IntegrationKind.ofSpecName(spec.kind()); // SpecFile refused any other word
        Map<String, Secret> secrets = new TreeMap<>();
        List<String> unsent = new ArrayList<>();
        spec.secrets().forEach((key, ref) -> {
            String value = values.get(ref.key());
            if (value == null) {
                unsent.add(key + " (" + ref.describe() + ")");
            } else {
                secrets.put(key, Secret.of(value));
            }
        });
        Optional<Integration> current = integrations.find(spec.name());
        List<String> details = new ArrayList<>();
        String decision = unsent.isEmpty() ? null : "the value of " + String.join(", ", unsent) + " was not sent: set "
                + "it where you run eddy (the environment, or the file given with --secrets)";
        boolean readOnly = Boolean.TRUE.equals(spec.developersReadOnly());
        if (current.isEmpty()) {
            details.add("+ kind: " + kind.name().toLowerCase());
            details.addAll(Diff.maps("", Map.of(), spec.settings()));
            spec.secrets().forEach((key, ref) -> details.add("+ secret " + key + " from " + ref.describe()));
            if (readOnly) {
                details.add("+ developers may only read through it");
            }
            return step(spec, PlannedChange.Action.CREATE, details, admin(decision), kind, secrets, readOnly);
        }
        Integration now = current.get();
        if (now.kind() != kind) {
            details.add("~ kind: " + now.kind().name().toLowerCase() + " → " + kind.name().toLowerCase());
        }
        details.addAll(Diff.maps("", now.settings(), spec.settings()));
        for (String key : new java.util.TreeSet<>(now.secretsSet())) {
            if (!spec.secrets().containsKey(key)) {
                details.add("- secret " + key);
                secrets.put(key, Secret.of(""));
            }
        }
        spec.secrets().forEach((key, ref) -> {
            if (!now.secretsSet().contains(key)) {
                details.add("+ secret " + key + " from " + ref.describe());
            }
        });
        Map<String, Secret> known = new TreeMap<>(secrets);
        known.keySet().retainAll(now.secretsSet());
        known.keySet().retainAll(spec.secrets().keySet());
        if (!known.isEmpty()) {
            if (Access.allows(Role.ADMIN)) {
                integrations.changedSecrets(spec.name(), known).forEach(key -> details.add("~ secret " + key + ": changed"));
            } else {
                details.add("? secrets " + String.join(", ", known.keySet()) + ": only an admin's plan compares them");
            }
        }
        Diff.field(details, "developers may only read", now.developersReadOnly(), readOnly);
        if (details.isEmpty()) {
            return Step.keep(ResourceKind.INTEGRATION, spec.name());
        }
        if (now.builtIn()) {
            decision = "it is built in: Eddy keeps its settings. Leave it out of the spec, or add another integration.";
        }
        return step(spec, PlannedChange.Action.CHANGE, details, admin(decision), kind, secrets, readOnly);
    }

    private Step step(IntegrationSpec spec, PlannedChange.Action action, List<String> details, String decision,
            IntegrationKind kind, Map<String, Secret> secrets, boolean readOnly) {
        PlannedChange change = new PlannedChange(ResourceKind.INTEGRATION, spec.name(), action, details, null, decision);
        return new Step(change, () -> {
            integrations.save(new IntegrationDraft(spec.name(), kind, spec.settings(), secrets));
            if (readOnly || action == PlannedChange.Action.CHANGE) {
                integrations.setDevelopersReadOnly(spec.name(), readOnly);
            }
        });
    }

    Step delete(Integration integration) {
        String decision = admin(null);
        return new Step(new PlannedChange(ResourceKind.INTEGRATION, integration.name(), PlannedChange.Action.DELETE,
                List.of(), null, decision), () -> integrations.delete(integration.name()));
    }

    /** Integrations are an admin's to add, change or remove: said in the plan, not only at apply. */
    private static String admin(String decision) {
        if (decision != null || Access.allows(Role.ADMIN)) {
            return decision;
        }
        return "only an admin can add, change or remove integrations: ask an admin to apply this spec";
    }
}
